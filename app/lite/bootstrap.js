// The in-browser edition's first module: the public path of the chunks (from the page config lab/index.html
// computed), then the app (index.js). Nothing else may be imported before the public path is set.
const config = JSON.parse(document.getElementById('jupyter-config-data').textContent);
// eslint-disable-next-line no-undef -- rspack's runtime variable
__webpack_public_path__ = config.fullStaticUrl + '/';

void import('./index.js').then(({ main }) => main());
