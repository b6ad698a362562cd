// lessons.mjs - the lessons page (/lessons) as a student uses it: every
// lesson with its URL, curl line and source; every link on the page
// answers 200; a source link shows the program's C as text.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCHEMES, TOP, withPage } from './lib.mjs';

const LESSONS = ['hello', 'file', 'ports', 'rest', 'cookie', 'cookie-login',
    'session', 'https', 'http2', 'cluster'];

for (const scheme of SCHEMES) {
	describe(`the lessons page over ${scheme.label}`, () => {
		test('every lesson, and every link on /lessons answers 200',
		    (t) => withPage(t, scheme, async ({ page, context }) => {
			const res = await page.goto('/lessons');
			assert.equal(res.status(), 200, '/lessons is 200');
			for (const id of LESSONS) {
				const s = page.locator(`section#${id}`);
				assert.equal(await s.count(), 1, `lesson ${id} is on the page`);
				assert.ok(await s.locator('.try a').count() >= 1, `lesson ${id} has a URL to try`);
				assert.match(await s.locator('pre code').innerText(), /^curl /, `lesson ${id} has a curl line`);
				assert.ok(await s.locator('.source a[href^="/source/"]').count() >= 1,
				    `lesson ${id} links a program's source`);
			}
			// The HTTPS links name the host the page was opened on.
			const host = new URL(page.url()).hostname;
			for (const href of await page.$$eval('a.tls', (as) => as.map((a) => a.href)))
				assert.equal(new URL(href).hostname, host, `${href} is on ${host}`);

			const links = [...new Set(await page.$$eval('a[href]', (as) => as.map((a) => a.href)))];
			assert.ok(links.length >= 15, `the page has its links (${links.length})`);
			for (const href of links) {
				const r = await context.request.get(href, { ignoreHTTPSErrors: true, maxRedirects: 0 });
				assert.equal(r.status(), 200, `${href} answers 200`);
			}
		}));

		test('a source link shows the program\'s C source as text',
		    (t) => withPage(t, scheme, async ({ page, watch }) => {
			// A plain-text page has no <link rel=icon>: the browser asks.
			watch.expect({ path: '/favicon.ico', status: 404 });
			await page.goto('/lessons');
			const [res] = await Promise.all([
				page.waitForNavigation(),
				page.click('section#rest .source a[href="/source/users.c"]'),
			]);
			assert.equal(res.status(), 200, '/source/users.c is 200');
			assert.equal(res.headers()['content-type'], 'text/plain; charset=utf-8');
			assert.equal(await page.evaluate(() => document.contentType), 'text/plain',
			    'the browser shows it as text');
			assert.equal(await page.evaluate(() => document.body.innerText.replace(/\n$/, '')),
			    readFileSync(join(TOP, 'cgi-bin', 'users.c'), 'utf8').replace(/\n$/, ''),
			    'the text is cgi-bin/users.c, Korean and all');
		}));
	});
}
