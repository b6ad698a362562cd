-- signout.lua - sign out a session of its own per request, as a browser
-- does: each request carries the cookie of a session made for it
-- (bench/sessions.c).  BENCH_SESSIONS is the file of ids (one per line,
-- what follows a tab ignored), BENCH_COOKIE the cookie's name,
-- BENCH_THREADS the number of wrk's threads: thread k of n takes the lines
-- k, k + n, k + 2n...
-- A thread that runs out starts its lines over and counts the requests
-- that did: the bench's write check fails when any did, or when any
-- answer was not a 302.

local file = os.getenv("BENCH_SESSIONS")
local cookie = os.getenv("BENCH_COOKIE")
local nthreads = tonumber(os.getenv("BENCH_THREADS")) or 1
local threads = {}

function setup(thread)
	table.insert(threads, thread)
	thread:set("slice", #threads - 1)
end

function init(args)
	ids = {}
	next_id = 1
	wrapped = false
	reused = 0
	redirects = 0
	other = 0
	local n = 0
	for line in io.lines(file) do
		if n % nthreads == slice then
			table.insert(ids, string.match(line, "^[^\t]*"))
		end
		n = n + 1
	end
end

function request()
	if next_id > #ids then
		next_id = 1
		wrapped = true
	end
	if wrapped then
		reused = reused + 1
	end
	local id = ids[next_id]
	next_id = next_id + 1
	return wrk.format(nil, nil, { ["Cookie"] = cookie .. "=" .. id })
end

function response(status, headers, body)
	if status == 302 then
		redirects = redirects + 1
	else
		other = other + 1
	end
end

function done(summary, latency, requests)
	local e = summary.errors
	local sum = { reused = 0, redirects = 0, other = 0 }
	for _, t in ipairs(threads) do
		for k, _ in pairs(sum) do
			sum[k] = sum[k] + t:get(k)
		end
	end
	io.write(string.format(
	    "BENCH requests=%d seconds=%.3f p50_us=%d p99_us=%d errors=%d status_errors=%d" ..
	    " redirects=%d other=%d reused=%d\n",
	    summary.requests, summary.duration / 1e6,
	    latency:percentile(50), latency:percentile(99),
	    e.connect + e.read + e.write + e.timeout, e.status,
	    sum.redirects, sum.other, sum.reused))
end
