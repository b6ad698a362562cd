// lessons.js - the lessons page's HTTPS links point at the host the page
// was opened on (a student on another machine), not at localhost.
for (const a of document.querySelectorAll('a.tls')) {
	const u = new URL(a.href);
	u.hostname = location.hostname;
	a.href = u.href;
	if (a.textContent.startsWith('https://'))
		a.textContent = u.href;
}
