// The host page's own script (a separate file, as a strict CSP forbids inline scripts).
Nianbao.mount(document.getElementById('nianbao-checker'), { storageKey: 'portal.nianbao' });
