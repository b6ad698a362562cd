// lib.mjs - what every browser test shares: Debian's Chromium driven by
// playwright-core, a fresh context per test, a watch on the page that fails
// the test on any console error, page error, failed request, status >= 400
// or dialog it did not declare, and a screenshot in the run directory when
// a test fails.
//
// run.sh starts the lab server (tests/lib.sh's lab_start) and exports
// BASE, TLS_BASE and RUN.
import { mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const TOP = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BASE = process.env.BASE;
export const TLS_BASE = process.env.TLS_BASE;
export const RUN = process.env.RUN;
if (!BASE || !TLS_BASE || !RUN)
	throw new Error('BASE, TLS_BASE and RUN are unset: run these tests with tests/browser/run.sh');

// Where the page is reached: plain HTTP, and HTTPS with HTTP/2.
export const SCHEMES = [
	{ label: 'HTTP', base: BASE, https: false },
	{ label: 'HTTPS (HTTP/2)', base: TLS_BASE, https: true },
];

async function launch() {
	const args = ['--disable-gpu', '--disable-dev-shm-usage', '--no-first-run',
	    '--disable-background-networking', '--disable-component-update',
	    '--disable-sync', '--disable-quic'];
	// Chromium refuses to start its sandbox as root.
	if (process.getuid && process.getuid() === 0)
		args.unshift('--no-sandbox');
	// playwright-core gives each launch a new temporary profile
	// (--user-data-dir), and each test a new context on top of it.
	return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args });
}

// What a test declares it expects to go wrong: a response with this status
// to this method on a URL path matching `path` (a RegExp or an exact path).
function matches(rule, method, url, status) {
	const path = new URL(url).pathname;
	const pathOk = rule.path instanceof RegExp ? rule.path.test(path) : rule.path === path;
	return rule.status === status && (!rule.method || rule.method === method) && pathOk;
}

// Watches one page; `problems` collects everything not declared expected,
// and the first of them rejects `firstProblem`, so that a test fails at
// once rather than waiting for what a broken page will never do.
function watch(page) {
	let reject;
	const w = {
		firstProblem: new Promise((_, r) => { reject = r; }),
		report(what) {
			this.problems.push(what);
			reject(new ProblemError());
		},
		problems: [],
		pending: new Set(),	// requestfailed handlers still looking
		expected: [],
		prompts: [],	// answers (null: cancel) for the prompts the test expects, in order
		dialogs: [],	// every dialog seen: { type, message }
		expect(rule) { this.expected.push(rule); },
		expectPrompt(answer) { this.prompts.push(answer); },
	};
	const expectedStatus = (method, url, status) =>
	    w.expected.some((r) => matches(r, method, url, status));

	page.on('console', (m) => {
		if (m.type() !== 'error')
			return;
		// Chromium reports every 4xx/5xx resource as a console error too.
		const st = /^Failed to load resource: the server responded with a status of (\d+)/.exec(m.text());
		const url = m.location() && m.location().url;
		if (st && url && w.expected.some((r) => matches(r, r.method, url, Number(st[1]))))
			return;
		w.report(`console error: ${m.text()}${url ? ` (${url})` : ''}`);
	});
	page.on('pageerror', (e) => w.report(`uncaught error in the page: ${e.message}`));
	page.on('requestfailed', (r) => {
		const why = r.failure() && r.failure().errorText;
		const p = (async () => {
			// Chromium ends a fetch() answered 204 No Content with
			// Network.loadingFailed net::ERR_ABORTED although the page
			// got its answer (newer playwright-core hides this).
			if (why === 'net::ERR_ABORTED' && !r.isNavigationRequest()) {
				const res = await r.response().catch(() => null);
				if (res && res.status() === 204)
					return;
			}
			w.report(`request failed: ${r.method()} ${r.url()}: ${why}`);
		})();
		w.pending.add(p);
		p.finally(() => w.pending.delete(p));
	});
	page.on('response', (r) => {
		const req = r.request();
		if (r.status() >= 400 && !expectedStatus(req.method(), r.url(), r.status()))
			w.report(`unexpected ${r.status()} for ${req.method()} ${r.url()}`);
	});
	page.on('dialog', async (d) => {
		w.dialogs.push({ type: d.type(), message: d.message() });
		if (d.type() === 'prompt' && w.prompts.length > 0) {
			const answer = w.prompts.shift();
			await (answer === null ? d.dismiss() : d.accept(answer));
			return;
		}
		w.report(`unexpected ${d.type()} dialog: ${JSON.stringify(d.message())}`);
		await d.dismiss();
	});
	w.firstProblem.catch(() => {});	// handled by withPage's race
	return w;
}

class ProblemError extends Error {
	constructor() { super('the page did what the test did not expect'); }
}

function slug(s) {
	return s.replace(/[^A-Za-z0-9가-힣]+/g, '-').replace(/^-|-$/g, '').slice(0, 80) || 'page';
}

// One Chromium for the whole run (browser.test.mjs closes it); each test
// gets a context of its own, so no cookie or cache crosses tests.
let browser = null;
export async function closeBrowser() {
	if (browser)
		await (await browser).close();
	browser = null;
}

// Runs fn({ page, context, watch, base }) in a fresh context on `scheme`;
// fails when fn throws or the page did anything undeclared. On failure the
// page's screenshot goes to $RUN/screenshots/ and its path into the error.
// `browserOpts` may set the context's locale (ko-KR) and extraHTTPHeaders.
export async function withPage(t, scheme, fn, browserOpts = {}) {
	if (!browser)
		browser = launch();
	const context = await (await browser).newContext({
		baseURL: scheme.base,
		ignoreHTTPSErrors: scheme.https,	// the lab's certificate is self-signed
		locale: 'ko-KR',
		...browserOpts,
	});
	// Generous: other suites may load the machine; a broken page fails at
	// once anyway (firstProblem).
	context.setDefaultTimeout(20000);
	const page = await context.newPage();
	const w = watch(page);
	try {
		const run = fn({ page, context, watch: w, base: scheme.base });
		run.catch(() => {});	// when the race below is lost, context.close() ends it
		await Promise.race([run, w.firstProblem]);
		await Promise.all([...w.pending]);
		if (w.problems.length > 0)
			throw new ProblemError();
		if (w.prompts.length > 0)
			throw new Error(`expected prompt(s) never appeared: ${w.prompts.length} unanswered`);
	} catch (err) {
		if (w.problems.length > 0)
			err.message += `${err instanceof ProblemError ? ':' : '\n  and the page did what the test did not expect:'}\n  ${w.problems.join('\n  ')}`;
		const dir = join(RUN, 'screenshots');
		const file = join(dir, `${slug(t.name)}-${scheme.https ? 'https' : 'http'}.png`);
		try {
			mkdirSync(dir, { recursive: true });
			await page.screenshot({ path: file, fullPage: true });
			err.message += `\n  screenshot: ${file}`;
			console.log(`screenshot of the failed page: ${file}`);
		} catch (e) {
			err.message += `\n  (no screenshot: ${e.message})`;
		}
		throw err;
	} finally {
		await context.close();
	}
}

// The server's view of the users, read by Node over plain HTTP (the same
// server and database as the HTTPS port): { "<id>": "<name>" }.
export async function serverUsers() {
	const res = await fetch(`${BASE}/cgi-bin/users.cgi`, { headers: { Accept: 'application/json' } });
	if (res.status !== 200)
		throw new Error(`GET /cgi-bin/users.cgi: ${res.status}`);
	return res.json();
}

// The page's view of the users, from the rendered rows.
export async function pageUsers(page) {
	return page.$$eval('#list div.user', (rows) => Object.fromEntries(rows.map((r) =>
	    [r.dataset.id, r.querySelector('span.name').textContent])));
}
