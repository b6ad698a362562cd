# h2load.awk - one h2load run as the line bench/run parses (as wrk's
# bench/report.lua prints it):
#   BENCH requests=N seconds=S p50_us=N p99_us=N errors=N status_errors=N
# Input: h2load's per-request log (start time, status, microseconds to
# the end of the response), sorted by the last; -v n=REQUESTS -v s=SECONDS
# -v failed=FAILED+ERRORED from its summary.  A row of status 0 is a
# request h2load logged without an answer as its duration ended (the
# server's access log has an answer for each; a stream the server reset
# is counted in the summary's failed or errored): left out of the
# percentiles, not an error.
$2 == 0 { next }
{ d[++m] = $3; if ($2 >= 400 || $2 < 100) bad++ }
END {
	printf "BENCH requests=%d seconds=%s p50_us=%d p99_us=%d errors=%d status_errors=%d\n",
	    n, s, m ? d[int((m - 1) * 0.50) + 1] : 0,
	    m ? d[int((m - 1) * 0.99) + 1] : 0, (n ? failed + 0 : 1), bad + 0
}
