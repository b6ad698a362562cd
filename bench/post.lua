-- post.lua - POST a new user per request, and remember the id of every
-- 201, so that the bench can check that each one is a row in the database.
-- BENCH_URL_PATH is the path to POST to; BENCH_IDS the file to write the
-- ids to (one per line).

local path = os.getenv("BENCH_URL_PATH")
local ids_file = os.getenv("BENCH_IDS")
local threads = {}
local counter = 0

function setup(thread)
	table.insert(threads, thread)
end

function init(args)
	ids = {}
	created = 0
	other = 0
	wrk.method = "POST"
	wrk.path = path
	wrk.headers["Content-Type"] = "application/json"
end

function request()
	counter = counter + 1
	return wrk.format(nil, nil, nil,
	    string.format('{"name":"bench %d"}', counter))
end

function response(status, headers, body)
	if status == 201 then
		created = created + 1
		local id = string.match(body, '"id":(%d+)')
		if id then
			table.insert(ids, id)
		end
	else
		other = other + 1
	end
end

function done(summary, latency, requests)
	local f = io.open(ids_file, "w")
	local created_total, other_total = 0, 0
	for _, t in ipairs(threads) do
		created_total = created_total + t:get("created")
		other_total = other_total + t:get("other")
		for _, id in ipairs(t:get("ids")) do
			f:write(id, "\n")
		end
	end
	f:close()
	local e = summary.errors
	io.write(string.format(
	    "BENCH requests=%d seconds=%.3f p50_us=%d p99_us=%d errors=%d status_errors=%d created=%d not_created=%d\n",
	    summary.requests, summary.duration / 1e6,
	    latency:percentile(50), latency:percentile(99),
	    e.connect + e.read + e.write + e.timeout, e.status,
	    created_total, other_total))
end
