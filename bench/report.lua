-- report.lua - wrk's summary as one line the bench parses:
--   BENCH requests=N seconds=S p50_us=N p99_us=N errors=N status_errors=N
-- Latency is wrk's per-request time, from request sent to response read.

function done(summary, latency, requests)
	local e = summary.errors
	io.write(string.format(
	    "BENCH requests=%d seconds=%.3f p50_us=%d p99_us=%d errors=%d status_errors=%d\n",
	    summary.requests, summary.duration / 1e6,
	    latency:percentile(50), latency:percentile(99),
	    e.connect + e.read + e.write + e.timeout, e.status))
end
