# table.awk - bench/run's table, from the medians (bench/medians.awk): one
# block of lines per row, the ratios to the static file and to the trivial
# CGI at the same connection count and protocol, and the instruction
# counts read from the file named by -v instrf ("key/mode count" lines).
# Run as awk -F'|' -v instrf=FILE -f bench/table.awk SUMMARY.
BEGIN {
	while ((getline l < instrf) > 0) { split(l, a, " "); ir[a[1]] = a[2] }
	fmt = "%-28s %-5s %-5s %5s %9s %9s %9s %8s %8s %7s %10s\n"
	printf fmt, "what", "mode", "proto", "conn", "req/s", "p50 ms", "p99 ms",
	    "×static", "×trivial", "errors", "instr/req"
}
{
	n++; key[n] = $1; label[n] = $2; mode[n] = $3; proto[n] = $4
	c[n] = $5; rps[n] = $6; p50[n] = $7; p99[n] = $8; err[n] = $9
	if ($1 == "static") base_s[$4, $5] = $6
	if ($1 == "trivial") base_t[$4, $5] = $6
}
function ratio(x, b) { return b > 0 ? sprintf("%.2f", x / b) : "-" }
END {
	for (i = 1; i <= n; i++) {
	    first = (label[i] != label[i - 1] || mode[i] != mode[i - 1] || proto[i] != proto[i - 1])
	    if (first && i > 1) print ""
	    printf fmt, first ? label[i] : "", first ? mode[i] : "", first ? proto[i] : "", c[i], rps[i],
		sprintf("%.2f", p50[i] / 1000), sprintf("%.2f", p99[i] / 1000),
		ratio(rps[i], base_s[proto[i], c[i]]), ratio(rps[i], base_t[proto[i], c[i]]), err[i],
		first && ((key[i] "/" mode[i]) in ir) ? ir[key[i] "/" mode[i]] : ""
	}
	print ""
	for (p = 1; p <= 2; p++) {
	    prog = p == 1 ? "hello" : "cookie"
	    for (m = 1; m <= 2; m++) {
		md = m == 1 ? "cgi" : "fcgi"
		printf fmt, m == 1 ? prog " (not timed)" : "", md, "", "", "", "", "", "", "", "",
		    ((prog "/" md) in ir) ? ir[prog "/" md] : "n/a"
	    }
	}
}
