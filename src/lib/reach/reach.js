// @ts-nocheck — shipped as written (hand-minified); the route strips this line.
/*! Rida reach counter. Stateless: nothing is stored in the browser. <script defer src=".../reach.js" data-site="KEY"></script> */
!(function (w, d, n, l, h) {
	var s = d.currentScript,
		a = s && s.dataset,
		e,
		p,
		o;
	if (!a || w.__rida) return;
	w.__rida = 1;
	e = new URL('/api/collect', s.src).href;
	function v() {
		var u = l.href.split('#')[0],
			b;
		if (u == p) return;
		if (a.test != '1') {
			if (n.webdriver || /^(localhost|127\.0\.0\.1|\[::1\]|.*\.local|)$/.test(l.hostname)) return;
			if (d.prerendering) {
				d.addEventListener('prerenderingchange', v, { once: !0 });
				return;
			}
		}
		b = JSON.stringify({ s: a.site, u: l.href, r: p || d.referrer, w: w.innerWidth });
		p = u;
		(n.sendBeacon && n.sendBeacon(e, b)) ||
			fetch(e, { method: 'POST', body: b, keepalive: !0 }).catch(function () {});
	}
	o = h.pushState;
	h.pushState = function () {
		var r = o.apply(this, arguments);
		v();
		return r;
	};
	w.addEventListener('popstate', v);
	v();
})(window, document, navigator, location, history);
