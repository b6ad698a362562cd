# t0060 - every link in README.md and docs/*.md resolves: a relative link
# names a file or directory of the checkout, and a #fragment names a
# heading of its page, as GitHub turns headings into anchors.  Links to
# other sites are not fetched (a lab may have no internet).  The checker
# is first shown a page with broken links, so it is known to find them.
. "$(dirname "$0")/../lib.sh"

# broken_links FILE...: prints "FILE: TARGET" for each link that does not
# resolve; fails when there is one.  Code blocks and code spans hold no
# links.  A heading's anchor: lower case, everything but letters, digits,
# spaces, - and _ dropped, spaces made -; a repeated one gets -1, -2, ...
broken_links() {
	perl -CSD -e '
	    use strict;
	    use File::Basename qw(dirname);
	    my (%anchors, $bad);
	    sub anchors {
		my ($f) = @_;
		return $anchors{$f} if $anchors{$f};
		my (%a, %seen, $code);
		open(my $h, "<:encoding(UTF-8)", $f) or return {};
		while (<$h>) {
		    if (/^\s*```/) { $code = !$code; next }
		    next if $code or !/^#{1,6}\s+(.*?)\s*#*\s*$/;
		    my $s = lc $1;
		    $s =~ s/[^\p{L}\p{N}\p{M} _-]//g;
		    $s =~ s/ /-/g;
		    my $n = $seen{$s}++;
		    $a{$n ? "$s-$n" : $s} = 1;
		}
		return $anchors{$f} = \%a;
	    }
	    for my $f (@ARGV) {
		open(my $h, "<:encoding(UTF-8)", $f) or die "$f: $!\n";
		my $code;
		while (my $l = <$h>) {
		    if ($l =~ /^\s*```/) { $code = !$code; next }
		    next if $code;
		    $l =~ s/`[^`]*`//g;
		    while ($l =~ /\]\(([^)\s]+)\)/g) {
			my $t = $1;
			next if $t =~ m{^[a-z][a-z0-9+.-]*:}i;
			my ($path, $frag) = split /#/, $t, 2;
			my $file = $path eq "" ? $f : dirname($f) . "/" . $path;
			my $ok = -e $file;
			$ok &&= anchors($file)->{$frag} if $ok && defined $frag && $frag ne "";
			next if $ok;
			print "$f: $t\n";
			$bad = 1;
		    }
		}
	    }
	    exit($bad ? 1 : 0);
	' "$@"
}

# The checker itself, on a page with two good links and three broken ones.
mkdir -p "$WORK/fixture/docs"
cat >"$WORK/fixture/docs/a.md" <<'EOF'
# A page
## Cookie login: `login.cgi` and `session.cgi`
[good](b.md#settings-in-brief) [good](#cookie-login-logincgi-and-sessioncgi)
[no file](missing.md) [no heading](b.md#nowhere) [no heading here](#nowhere)
`[in code](missing-too.md)` and [a site](https://example.org/x)
```
[in a code block](missing-three.md)
```
EOF
printf '# B\n\n## Settings, in brief\n' >"$WORK/fixture/docs/b.md"
out=$(cd "$WORK/fixture" && broken_links docs/a.md)
rc=$?
check "the checker fails on a page with broken links (status $rc)" test "$rc" -ne 0
check "…and names exactly the three broken ones (got: $out)" test "$out" = "docs/a.md: missing.md
docs/a.md: b.md#nowhere
docs/a.md: #nowhere"

# The project's own pages.
cd "$top" || exit 1
pages=(README.md docs/*.md)
check "there are reference pages under docs/" test "${#pages[@]}" -gt 5
for f in "${pages[@]}"; do
	out=$(broken_links "$f")
	check "$f: every link resolves${out:+ (broken: $out)}" test -z "$out"
done
