// rest.test.mjs - the REST page (/, restFront.js) as a person uses it:
// add users whose names hold Korean, markup and quotes and see them as
// text, rename one through the prompt, delete one, have a name refused and
// see why; the page's list must agree with the server's.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SCHEMES, withPage, serverUsers, pageUsers } from './lib.mjs';

const pathOf = (r) => new URL(r.url()).pathname;
const isList = (r) => r.request().method() === 'GET' && pathOf(r) === '/users';

// Polls fn until it returns true (20 s); fails with `what`.
async function eventually(what, fn) {
	const end = Date.now() + 20000;
	for (;;) {
		if (await fn())
			return;
		if (Date.now() > end)
			throw new Error(`timed out waiting until ${what}`);
		await new Promise((r) => setTimeout(r, 100));
	}
}

// Opens / and waits for its first list.
async function openFrontPage(page) {
	const listed = page.waitForResponse(isList);
	const res = await page.goto('/');
	assert.equal(res.status(), 200, 'GET / is 200');
	assert.equal((await listed).status(), 200, 'the page lists the users');
}

// Types a name and presses the form's button; returns the POST's response
// and waits for the list the page reloads after it.
async function submitName(page, name) {
	const posted = page.waitForResponse((r) => r.request().method() === 'POST' && pathOf(r) === '/user');
	const relisted = page.waitForResponse(isList);
	await page.fill('#username', name);
	await page.click('#form button[type=submit]');
	const res = await posted;
	await relisted;
	return res;
}

// Waits until the rows are exactly what the server holds, and returns them.
async function listAgreesWithServer(page) {
	let seen;
	let want;
	try {
		await eventually('the list shows what the server holds', async () => {
			[seen, want] = [await pageUsers(page), await serverUsers()];
			return JSON.stringify(seen) === JSON.stringify(want);
		});
	} catch (err) {
		assert.deepEqual(seen, want, 'the page lists exactly the users the server has');
	}
	return want;
}

// On HTTPS the page and its fetch() calls must have gone over HTTP/2.
async function checkProtocol(page, scheme) {
	const proto = await page.evaluate(() => ({
		doc: performance.getEntriesByType('navigation')[0].nextHopProtocol,
		api: performance.getEntriesByType('resource')
		    .filter((e) => new URL(e.name).pathname.startsWith('/user'))
		    .map((e) => e.nextHopProtocol),
	}));
	const want = scheme.https ? 'h2' : 'http/1.1';
	assert.equal(proto.doc, want, `the page came over ${want}`);
	assert.ok(proto.api.length > 0, 'the page called the API');
	for (const p of proto.api)
		assert.equal(p, want, `every API call went over ${want}`);
}

const NAMES = [
	'김철수',
	'<script>alert(1)</script>',
	'"it\'s" <b>x</b>',
	'<img src=x onerror=alert(2)>',
];

for (const scheme of SCHEMES) {
	describe(`the REST page over ${scheme.label}`, () => {
		test('names with Korean, <script> and quotes are listed as text, and no script runs',
		    (t) => withPage(t, scheme, async ({ page, watch }) => {
			await openFrontPage(page);
			for (const name of NAMES) {
				const res = await submitName(page, name);
				assert.equal(res.status(), 201, `POST /user ${JSON.stringify(name)} is 201`);
				const user = await res.json();
				assert.equal(user.name, name, 'the server stored the name as typed');
				const span = page.locator(`#list div.user[data-id="${user.id}"] span.name`);
				await span.waitFor({ state: 'attached' });
				assert.equal(await span.textContent(), name, `the row shows ${JSON.stringify(name)} as text`);
				assert.ok(await span.isVisible(), 'the name is visible');
				assert.equal(await page.inputValue('#username'), '', 'the input is emptied after an add');
				assert.ok(await page.locator('#error').isHidden(), 'no error is shown');
			}
			for (const tag of ['b', 'script', 'img'])
				assert.equal(await page.locator(`#list ${tag}`).count(), 0, `no <${tag}> element made from a name`);
			assert.equal(await page.locator('body b').count(), 0, 'no <b> anywhere on the page');
			assert.deepEqual(watch.dialogs, [], 'no dialog appeared (no alert() ran)');
			await listAgreesWithServer(page);
			await checkProtocol(page, scheme);
		}));

		test('renaming through the prompt and deleting: the list and the server agree',
		    (t) => withPage(t, scheme, async ({ page, watch }) => {
			await openFrontPage(page);
			const keep = await (await submitName(page, '박지성')).json();
			const gone = await (await submitName(page, '지울 사람 "q"')).json();

			// A cancelled prompt changes nothing and sends nothing.
			const row = page.locator(`#list div.user[data-id="${keep.id}"]`);
			let sent = 0;
			const count = (r) => { if (r.method() === 'PUT') sent++; };
			page.on('request', count);
			watch.expectPrompt(null);
			await row.locator('button.edit').click();
			await eventually('the cancelled prompt is answered', () => watch.prompts.length === 0);
			await page.waitForTimeout(200);
			page.off('request', count);
			assert.equal(sent, 0, 'a cancelled rename sends no request');
			assert.equal(await row.locator('span.name').textContent(), '박지성', 'a cancelled rename keeps the name');

			const renamed = '박지성 <i>새 이름</i> & "따옴표"';
			watch.expectPrompt(renamed);
			const put = page.waitForResponse((r) => r.request().method() === 'PUT' && pathOf(r) === `/user/${keep.id}`);
			let relisted = page.waitForResponse(isList);
			await row.locator('button.edit').click();
			assert.equal((await put).status(), 200, 'PUT /user/<id> is 200');
			await relisted;
			await eventually('the row shows the new name',
			    async () => await row.locator('span.name').textContent() === renamed);
			assert.deepEqual(watch.dialogs.map((d) => d.type), ['prompt', 'prompt'],
			    'the only dialogs were the two rename prompts');
			assert.equal(await row.locator('i').count(), 0, 'no <i> element made from the new name');

			const del = page.waitForResponse((r) => r.request().method() === 'DELETE' && pathOf(r) === `/user/${gone.id}`);
			relisted = page.waitForResponse(isList);
			await page.locator(`#list div.user[data-id="${gone.id}"] button.remove`).click();
			assert.equal((await del).status(), 204, 'DELETE /user/<id> is 204');
			await relisted;
			await page.locator(`#list div.user[data-id="${gone.id}"]`).waitFor({ state: 'detached' });

			const users = await listAgreesWithServer(page);
			assert.equal(users[keep.id], renamed, 'the server has the new name');
			assert.ok(!(gone.id in users), 'the server no longer lists the deleted user');
			const one = await fetch(`${process.env.BASE}/cgi-bin/users.cgi/${gone.id}`);
			assert.equal(one.status, 404, 'the deleted user is a 404 on the server');
			await checkProtocol(page, scheme);
		}));

		test('an empty and a 101-character name are refused, and the page shows the server\'s reason',
		    (t) => withPage(t, scheme, async ({ page, watch }) => {
			watch.expect({ method: 'POST', path: '/user', status: 400 });
			await openFrontPage(page);
			const before = await serverUsers();
			for (const [what, name] of [['an empty name', ''], ['a 101-character name', '가'.repeat(101)]]) {
				const res = await submitName(page, name);
				assert.equal(res.status(), 400, `${what}: 400`);
				const body = await res.json();
				assert.equal(typeof body.error, 'string', `${what}: the server says why`);
				assert.ok(body.error.length > 0, `${what}: the reason is a sentence`);
				const box = page.locator('#error');
				await box.waitFor({ state: 'visible' });
				assert.equal(await box.textContent(), body.error, `${what}: #error shows the server's reason`);
				assert.equal(await page.inputValue('#username'), name, `${what}: the input keeps what was typed`);
			}
			assert.deepEqual(await serverUsers(), before, 'the refused names added nobody');

			// The next good add clears the error.
			const res = await submitName(page, '정상 이름');
			assert.equal(res.status(), 201, 'a good name after the refusals is 201');
			await page.locator('#error').waitFor({ state: 'hidden' });
			assert.equal(await page.locator('#error').textContent(), '', 'the error box is emptied');
			await listAgreesWithServer(page);
		}));
	});
}
