# verify.awk - is the database what the answered requests imply?
#
# Input, one line per request (tab-separated): client, the plan's op,
# target id and name, then the result's seq, status, retry-after, id and
# name from the body, and the body.  -v before=FILE and -v after=FILE:
# the users ("<id>\t<name>") before the load and after it.  -v strict=1:
# every request must have been answered.  -v refused503=1: a 503 that is
# the JSON error with a Retry-After is allowed, and means the request
# changed nothing (Apache could not run the program, or the writers'
# turn did not come in time).
#
# Each id a single client works on is followed request by request, as
# the set of states it may be in: a name, or DEL (no such user).  An
# answer must fit one of them and then leaves exactly one; a request
# without an answer (status 000: the connection failed) may or may not
# have happened, so it adds the state it would have made.  Ids several
# clients work on at once are only deleted by all, or only renamed by
# all: exactly one delete wins, and the final name is one that was sent.
# Prints one line per problem.
BEGIN {
	FS = "\t"
	DEL = "\001"
	SEP = "\002"
	while ((rc = getline line < before) > 0) {
		split(line, r, "\t")
		poss[r[1]] = r[2]
		existed[r[1]] = 1
	}
	if (rc < 0)
		problem("cannot read " before)
	close(before)
}

function problem(msg) {
	if (++problems <= 20)
		print msg
}

function has(id, state,    n, a, i) {
	n = split(poss[id], a, SEP)
	for (i = 1; i <= n; i++)
		if (a[i] == state)
			return 1
	return 0
}

function has_user(id,    n, a, i) {
	n = split(poss[id], a, SEP)
	for (i = 1; i <= n; i++)
		if (a[i] != DEL)
			return 1
	return 0
}

function add(id, state) {
	if (!has(id, state))
		poss[id] = poss[id] SEP state
}

function where() {
	return "client " $1 " request " $5 " (" $2 " " $3 " " $4 " -> " $6 " " $10 ")"
}

{
	op = $2; target = $3; pname = $4; status = $6; rid = $8; rname = $9
	if (status == "000") {
		unanswered++
		if (strict)
			problem("no answer: " where())
	} else if (refused503 && status == "503") {
		if ($7 !~ /^[0-9]+$/ || $10 !~ /^\{ *"error" *: *"/)
			problem("a 503 without Retry-After or the JSON error: " where())
		refused++
		next	# it changed nothing
	} else if (status ~ /^5/)
		problem("a 5xx answer: " where())
	if (op == "POST") {
		if (status == "201") {
			if (rname != pname)
				problem("201 with another name: " where())
			if (rid in created || rid in existed)
				problem("201 with an id given before: " where())
			created[rid] = pname
		} else if (status == "000")
			maybe[pname] = 1
		else
			problem("POST answered " status ": " where())
		next
	}
	if (!(target in existed)) {
		problem("the plan names an id that did not exist: " where())
		next
	}
	if (!(target in owner))
		owner[target] = $1
	else if (owner[target] != $1)
		shared[target] = 1
	ops[target] = ops[target] " " op
	if (status == "000")
		lost[target]++
	if (op == "DELETE" && status == "204")
		won[target]++
	# Requests of several clients on one id are kept for the end; the
	# single-client model below does not apply to them.
	line_of[target, ++nreq[target]] = $0
}

function follow(id,    k, f, op, status, pname, rname) {
	for (k = 1; k <= nreq[id]; k++) {
		split(line_of[id, k], f, "\t")
		$0 = line_of[id, k]
		op = f[2]; pname = f[4]; status = f[6]; rname = f[9]
		if (op == "GET") {
			if (status == "200") {
				if (!has(id, rname))
					problem("GET shows a name the user cannot have: " where())
				poss[id] = rname
			} else if (status == "404") {
				if (!has(id, DEL))
					problem("GET 404 for a user that must exist: " where())
				poss[id] = DEL
			} else if (status != "000")
				problem("GET answered " status ": " where())
		} else if (op == "PUT") {
			if (status == "200") {
				if (!has_user(id))
					problem("PUT 200 for a user that must be gone: " where())
				if (rname != pname)
					problem("PUT 200 with another name: " where())
				poss[id] = pname
			} else if (status == "404") {
				if (!has(id, DEL))
					problem("PUT 404 for a user that must exist: " where())
				poss[id] = DEL
			} else if (status == "000") {
				if (has_user(id))
					add(id, pname)
			} else
				problem("PUT answered " status ": " where())
		} else if (op == "DELETE") {
			if (status == "204") {
				if (!has_user(id))
					problem("DELETE 204 for a user that must be gone: " where())
				poss[id] = DEL
			} else if (status == "404") {
				if (!has(id, DEL))
					problem("DELETE 404 for a user that must exist: " where())
				poss[id] = DEL
			} else if (status == "000")
				add(id, DEL)
			else
				problem("DELETE answered " status ": " where())
		}
	}
}

function settle_shared(id,    k, f, n200, names) {
	if (ops[id] ~ /^( DELETE)+$/) {
		if (won[id] > 1)
			problem("id " id ": " won[id] " deletes answered 204, not one")
		if (won[id] == 0 && !lost[id])
			problem("id " id ": every delete answered, none 204")
		for (k = 1; k <= nreq[id]; k++) {
			split(line_of[id, k], f, "\t")
			if (f[6] != "204" && f[6] != "404" && f[6] != "000")
				problem("shared DELETE answered " f[6] " on id " id)
		}
		if (lost[id] < nreq[id])
			poss[id] = DEL	# someone's answer says it is gone
		else
			add(id, DEL)
	} else if (ops[id] ~ /^( PUT)+$/) {
		n200 = 0
		names = ""
		for (k = 1; k <= nreq[id]; k++) {
			split(line_of[id, k], f, "\t")
			if (f[6] == "200") {
				n200++
				if (f[9] != f[4])
					problem("shared PUT 200 with another name on id " id)
			} else if (f[6] != "000")
				problem("shared PUT answered " f[6] " on id " id)
			names = names SEP f[4]
		}
		# After any committed rename the name is one of those sent.
		poss[id] = (n200 ? "" : poss[id]) names
	} else
		problem("id " id " is shared with mixed requests:" ops[id])
}

END {
	for (id in nreq)
		if (id in shared)
			settle_shared(id)
		else
			follow(id)
	while ((rc = getline line < after) > 0) {
		split(line, r, "\t")
		id = r[1]; name = r[2]
		seen[id] = 1
		if (id in poss) {
			if (!has(id, name))
				problem("id " id " is '" name "', which no answer implies")
		} else if (id in created) {
			if (created[id] != name)
				problem("id " id " is '" name "', created as '" created[id] "'")
		} else if (name in maybe && !(name in maybe_used))
			maybe_used[name] = 1	# a create whose answer was lost
		else
			problem("id " id " '" name "' is a row no request made (or made twice)")
	}
	if (rc < 0)
		problem("cannot read " after)
	close(after)
	for (id in poss)
		if (!(id in seen) && !has(id, DEL))
			problem("id " id " is gone, but the answers say it must be there")
	for (id in created)
		if (!(id in seen))
			problem("id " id " '" created[id] "' was answered 201 and is not there")
	if (problems > 20)
		print "… and " (problems - 20) " more problems"
}
