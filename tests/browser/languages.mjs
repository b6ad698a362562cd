// languages.mjs - every refusal a person meets on the REST page and the
// login forms, in the browser's language: Korean for a browser sending
// "Accept-Language: ko-KR,ko;q=0.9", English for one sending "en-US"
// (docs/lab.md, "Languages").
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SCHEMES, withPage } from './lib.mjs';

const LANGUAGES = [
	{
		label: 'Korean', locale: 'ko-KR', header: 'ko-KR,ko;q=0.9',
		empty: '이름을 입력하세요. 한 글자 이상이어야 합니다.',
		tooLong: '이름은 100자까지 입력할 수 있습니다.',
		noUser: '그 id의 사용자가 없습니다.',
	},
	{
		label: 'English', locale: 'en-US', header: 'en-US',
		empty: 'The name is empty; type at least one character.',
		tooLong: 'The name is longer than 100 characters.',
		noUser: 'There is no user with that id.',
	},
];

const pathOf = (r) => new URL(r.url()).pathname;
const scheme = SCHEMES[0];

// The #error box comes to show `want` (it may still show the previous
// refusal for a moment).
async function errorShows(page, want, what) {
	const box = page.locator('#error');
	await box.waitFor({ state: 'visible' });
	await page.waitForFunction((w) => document.getElementById('error').textContent === w,
	    want, { timeout: 10000 }).catch(() => {});
	assert.equal(await box.textContent(), want, what);
}

for (const lang of LANGUAGES) {
	const opts = { locale: lang.locale, extraHTTPHeaders: { 'Accept-Language': lang.header } };
	describe(`refusals in ${lang.label} (Accept-Language: ${lang.header})`, () => {
		test('the REST page: an empty name, a 101-character name, a user gone meanwhile',
		    (t) => withPage(t, scheme, async ({ page, watch }) => {
			watch.expect({ method: 'POST', path: '/user', status: 400 });
			watch.expect({ method: 'PUT', path: /^\/user\/\d+$/, status: 404 });
			// A user that another browser deletes while this page shows it.
			const made = await fetch(`${scheme.base}/user`, {
				method: 'POST', headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify({ name: `곧 지워질 ${lang.label}` }),
			});
			assert.equal(made.status, 201);
			const { id } = await made.json();
			const listed = page.waitForResponse((r) => pathOf(r) === '/users');
			await page.goto('/');
			await listed;

			for (const [what, name, want] of [['an empty name', '', lang.empty],
			    ['a 101-character name', '가'.repeat(101), lang.tooLong]]) {
				// The page reloads its list after every POST; that load must be
				// drawn before the DELETE below, or a list drawn after it takes
				// the row away under the click.
				const posted = page.waitForResponse((r) => r.request().method() === 'POST');
				const relisted = page.waitForResponse((r) => pathOf(r) === '/users');
				await page.fill('#username', name);
				await page.click('#form button[type=submit]');
				const res = await posted;
				await relisted;
				assert.equal(res.status(), 400, `${what}: 400`);
				assert.match(res.headers().vary || '', /accept-language/i, `${what}: Vary: Accept-Language`);
				await errorShows(page, want, `${what}: #error says it in ${lang.label}`);
			}

			const gone = await fetch(`${scheme.base}/user/${id}`, { method: 'DELETE' });
			assert.equal(gone.status, 204);
			watch.expectPrompt('새 이름');
			const [put] = await Promise.all([
				page.waitForResponse((r) => r.request().method() === 'PUT'),
				page.locator(`#list div.user[data-id="${id}"] button.edit`).click(),
			]);
			assert.equal(put.status(), 404, 'renaming the deleted user: 404');
			await errorShows(page, lang.noUser, `the gone user: #error says it in ${lang.label}`);
		}, opts));

		for (const program of ['login.cgi', 'session.cgi']) {
			test(`${program}: an empty and a 101-character name`,
			    (t) => withPage(t, scheme, async ({ page, watch }) => {
				watch.expect({ method: 'GET', path: `/cgi-bin/${program}/login`, status: 400 });
				await page.goto(`/cgi-bin/${program}`);
				for (const [what, name, want] of [['an empty name', '', lang.empty],
				    ['a 101-character name', '가'.repeat(101), lang.tooLong]]) {
					const landed = page.waitForResponse((r) => r.request().isNavigationRequest());
					await page.fill('input[name="name"]', name);
					await page.click('button[type="submit"]');
					const res = await landed;
					assert.equal(res.status(), 400, `${what}: 400`);
					await page.waitForLoadState('load');
					const box = page.locator('#error');
					assert.equal(await box.textContent(), want, `${what}: the form says it in ${lang.label}`);
					assert.equal(await box.getAttribute('lang'), lang.locale.slice(0, 2),
					    `${what}: the reason is marked lang=${lang.locale.slice(0, 2)}`);
					// The lesson's own words stay.
					assert.equal(await page.getAttribute('input[name="name"]', 'placeholder'), '이름을 입력하세요');
				}
			}, opts));
		}
	});
}
