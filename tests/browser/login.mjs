// login.test.mjs - logging in as a person does (docs/sessions.md): the form
// of login.cgi and session.cgi, the greeting, a cookie the page's script
// cannot read (HttpOnly) but the browser keeps, a reload, the logout.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SCHEMES, withPage } from './lib.mjs';

const pathOf = (u) => new URL(typeof u === 'string' ? u : u.url()).pathname;
const NAME = '김 철수';	// a space: a GET form sends it as '+'
const GREETING = `${NAME}님 안녕하세요`;

const PROGRAMS = [
	{ program: 'login.cgi', cookie: 'name' },
	{ program: 'session.cgi', cookie: 'session' },
];

// The greeting is text/plain, which cannot name an icon, so Chromium asks
// for /favicon.ico; the site has none (docs/http-api.md: a missing file is 404).
const FAVICON = { path: '/favicon.ico', status: 404 };

async function protocolOf(page) {
	return page.evaluate(() => performance.getEntriesByType('navigation')[0].nextHopProtocol);
}

// The page shows the login form; returns the form.
async function expectForm(page, res, program) {
	assert.equal(res.status(), 200, `${program}: the form is 200`);
	assert.match(res.headers()['content-type'] || '', /^text\/html/, `${program}: the form is HTML`);
	const form = page.locator('form:has(input[name="name"])');
	assert.equal(await form.count(), 1, `${program}: one form with a name field`);
	const action = await form.evaluate((f) => f.action);
	assert.equal(pathOf(action), `/cgi-bin/${program}/login`, `${program}: the form submits to /cgi-bin/${program}/login`);
	assert.ok(await page.locator('input[name="name"]').isVisible(), `${program}: the name field is visible`);
	return form;
}

// Fills the name and submits the form as a person would; returns the
// response of the page it lands on, after the login's redirect.
async function submitForm(page, form, program, field = 'input[name="name"]') {
	const landed = page.waitForResponse((r) => r.request().isNavigationRequest() &&
	    r.request().redirectedFrom() !== null && pathOf(r) === `/cgi-bin/${program}`);
	await page.fill(field, NAME);
	const button = form.locator('button[type="submit"], button:not([type]), input[type="submit"]');
	if (await button.count() > 0)
		await button.first().click();
	else
		await page.press(field, 'Enter');
	const res = await landed;
	await page.waitForLoadState('load');
	return res;
}

// The page greets NAME, and the cookie is there but hidden from scripts.
async function expectGreeting(page, context, res, base, https, program, cookieName) {
	assert.equal(res.status(), 200, `${program}: the greeting is 200`);
	assert.match(res.headers()['content-type'] || '', /^text\/plain; ?charset=utf-8$/i,
	    `${program}: the greeting is text/plain; charset=utf-8`);
	assert.equal((await page.locator('body').innerText()).trim(), GREETING, `${program}: "${GREETING}"`);

	const cookies = await context.cookies(base);
	const c = cookies.find((k) => k.name === cookieName);
	assert.ok(c, `${program}: the browser keeps the ${cookieName} cookie`);
	assert.equal(c.httpOnly, true, `${program}: the cookie is HttpOnly`);
	assert.equal(c.sameSite, 'Lax', `${program}: the cookie is SameSite=Lax`);
	assert.equal(c.path, '/', `${program}: the cookie's Path is /`);
	assert.equal(c.secure, https, `${program}: the cookie is Secure exactly over HTTPS`);
	assert.ok(c.expires > Date.now() / 1000, `${program}: the cookie has a future expiry`);
	const seen = await page.evaluate(() => document.cookie);
	assert.ok(!seen.split(/;\s*/).some((kv) => kv.startsWith(`${cookieName}=`)),
	    `${program}: document.cookie does not show it (it shows ${JSON.stringify(seen)})`);
	return c;
}

for (const scheme of SCHEMES) {
	describe(`logging in over ${scheme.label}`, () => {
		for (const { program, cookie: plain } of PROGRAMS) {
			// Over HTTPS the session cookie has the __Host- prefix: a
			// real browser must take it (Secure, Path=/, no Domain).
			const cookie = plain === 'session' && scheme.https ? '__Host-session' : plain;
			test(`${program}: form, greeting, HttpOnly cookie, reload, logout`,
			    (t) => withPage(t, scheme, async ({ page, context, base, watch }) => {
				watch.expect(FAVICON);
				let res = await page.goto(`/cgi-bin/${program}`);
				const form = await expectForm(page, res, program);
				assert.equal(await protocolOf(page), scheme.https ? 'h2' : 'http/1.1',
				    `${program}: the page came over ${scheme.https ? 'HTTP/2' : 'HTTP/1.1'}`);

				res = await submitForm(page, form, program);
				const login = res.request().redirectedFrom();
				assert.equal(pathOf(login.url()), `/cgi-bin/${program}/login`, `${program}: the form went to /login`);
				assert.equal((await login.response()).status(), 302, `${program}: login answers 302`);
				const c = await expectGreeting(page, context, res, base, scheme.https, program, cookie);
				if (plain === 'name') {
					assert.equal(decodeURIComponent(c.value), NAME, 'login.cgi: the cookie holds the name, percent-encoded');
				} else {
					assert.ok(!decodeURIComponent(c.value).includes(NAME), 'session.cgi: the cookie does not hold the name');
					assert.ok(c.value.length >= 22, 'session.cgi: the session id is long (>= 128 bits)');
				}

				res = await page.reload();
				await expectGreeting(page, context, res, base, scheme.https, program, cookie);
				assert.equal(await protocolOf(page), scheme.https ? 'h2' : 'http/1.1',
				    `${program}: the greeting came over ${scheme.https ? 'HTTP/2' : 'HTTP/1.1'}`);

				res = await page.goto(`/cgi-bin/${program}/logout`);
				const logout = res.request().redirectedFrom();
				assert.ok(logout, `${program}: logout redirects`);
				assert.equal(pathOf(logout.url()), `/cgi-bin/${program}/logout`);
				assert.equal((await logout.response()).status(), 302, `${program}: logout answers 302`);
				await expectForm(page, res, program);
				const left = (await context.cookies(base)).filter((k) => k.name === cookie);
				assert.deepEqual(left, [], `${program}: logout cleared the cookie`);

				res = await page.reload();
				await expectForm(page, res, program);
			}));
		}

		test('login.html (the lesson\'s page) logs in through login.cgi',
		    (t) => withPage(t, scheme, async ({ page, context, base, watch }) => {
			watch.expect(FAVICON);
			const res = await page.goto('/login.html');
			assert.equal(res.status(), 200, 'login.html is 200');
			const form = page.locator('form:has(#name)');
			const landed = await submitForm(page, form, 'login.cgi', '#name');
			await expectGreeting(page, context, landed, base, scheme.https, 'login.cgi', 'name');
		}));
	});
}
