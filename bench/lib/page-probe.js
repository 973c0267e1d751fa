// Injected into every benchmark page before its own scripts (Page.addScriptToEvaluateOnNewDocument).
// __BENCH_SITE__ is replaced by the site's name. It watches, once per animation frame, for the
// site's "first usable form control" and records, against performance.timeOrigin:
//   found: the frame in which the control is first present, enabled and visible;
//   ready: after that frame has been rendered (a message posted from its rAF callback runs
//          after the frame's style, layout and paint).
(() => {
  const site = '__BENCH_SITE__';
  const bench = (window.__bench = { site, found: null, ready: null, trunkAt: null, trunk: null, frames: 0 });
  addEventListener('TrunkApplicationStarted', (e) => {
    bench.trunkAt = performance.now();
    bench.trunk = e.detail;
  });
  const shadow = (el, sel) => (el && el.shadowRoot ? el.shadowRoot.querySelector(sel) : null);
  const find = {
    // The service page's edit form: the description field of the PUT.
    console: () => document.getElementById('f-description'),
    // The PUT operation (opened by the deep link, "Try it out" on): its request-body editor.
    swagger: () => document.querySelector('#operations-Endpoint_services-updateEndpointService textarea.body-param__text'),
    // The PUT operation (opened by the hash): its request-body editor in RapiDoc's try section.
    rapidoc: () => {
      const doc = document.querySelector('rapi-doc');
      const req = shadow(doc, 'api-request[method="put"]');
      return req ? (req.shadowRoot || req).querySelector('textarea.request-body-param-user-input') : null;
    },
  }[site];
  const usable = (el) => {
    if (!el || !el.isConnected || el.disabled || el.readOnly) return false;
    if (el.closest && el.closest('fieldset[disabled], [inert]')) return false;
    const box = el.getBoundingClientRect();
    if (box.width <= 0 || box.height <= 0) return false;
    return el.checkVisibility ? el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true }) : true;
  };
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    bench.ready = performance.now();
  };
  const tick = () => {
    bench.frames++;
    if (bench.found === null && usable(find())) {
      bench.found = performance.now();
      channel.port2.postMessage(0);
      return;
    }
    if (bench.found === null) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();
