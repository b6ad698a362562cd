# medians.awk - bench/run's measurements, one line per row and connection
# count: the median of each figure over the rounds (and the sum of the
# errors); rows in the order first measured, each row's counts together.
# Input and output: key|label|mode|proto|conns|req/s|p50 us|p99 us|errors
# (awk -F'|').
function median(list,    a, n, i, j, t) {
	n = split(list, a, " ")
	for (i = 2; i <= n; i++)
	    for (j = i; j > 1 && a[j - 1] + 0 > a[j] + 0; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
	return a[int((n + 1) / 2)]
}
{
	r = $1 "|" $2 "|" $3 "|" $4
	if (!(r in seen_r)) { seen_r[r] = 1; rows[++nr] = r }
	if (!($5 in seen_c)) { seen_c[$5] = 1; counts[++nc] = $5 }
	id = r "|" $5
	rps[id] = rps[id] " " $6; p50[id] = p50[id] " " $7; p99[id] = p99[id] " " $8
	err[id] += $9
}
END {
	for (i = 1; i <= nr; i++)
	    for (j = 1; j <= nc; j++) {
		id = rows[i] "|" counts[j]
		if (id in rps)
		    print id "|" median(rps[id]) "|" median(p50[id]) "|" median(p99[id]) "|" err[id]
	    }
}
