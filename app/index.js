// Entry of the host app: a module-federation host, like JupyterLab's own. It (1) sets the public path,
// (2) initializes the shared scope and loads the prebuilt (federated) labextensions that jupyterlab_server
// lists from <JUPYTER_PATH>/labextensions, so extensions built by scripts/build-labextension.sh load here
// as they do in a pip-installed JupyterLab, then (3) imports main.js, which starts the app.
// Nothing here may import a shared package statically (they are only available after step 2).
const config = JSON.parse(document.getElementById('jupyter-config-data').textContent);

// eslint-disable-next-line no-undef -- rspack's module-federation runtime variable
__webpack_public_path__ = config.fullStaticUrl + '/';

function loadScript(url) {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.onerror = () => reject(new Error(`could not load ${url}`));
    script.onload = resolve;
    script.async = true;
    script.src = url;
    document.head.appendChild(script);
  });
}

/** Loads each federated extension's container into the shared scope; returns their entry factories. */
async function loadFederated(bundled) {
  // eslint-disable-next-line no-undef -- rspack's module-federation runtime function
  await __webpack_init_sharing__('default');
  const found = [];
  for (const ext of config.federated_extensions || []) {
    if (bundled.has(ext.name)) {
      console.warn(`[eigenlab] ${ext.name} is bundled in this app; its prebuilt copy is not loaded`);
      continue;
    }
    try {
      await loadScript(`${config.fullLabextensionsUrl}/${ext.name}/${ext.load}`);
      const container = window._JUPYTERLAB[ext.name];
      // eslint-disable-next-line no-undef -- rspack's module-federation share scopes
      await container.init(__webpack_share_scopes__.default);
      found.push({ ext, container });
    } catch (error) {
      console.error(`[eigenlab] federated extension ${ext.name} failed to load`, error);
    }
  }
  const get = async (container, module) => (await container.get(module))();
  const extensions = [];
  const mimeExtensions = [];
  for (const { ext, container } of found) {
    if (ext.extension) extensions.push(get(container, ext.extension));
    if (ext.mimeExtension) mimeExtensions.push(get(container, ext.mimeExtension));
    if (ext.style) await get(container, ext.style).catch(e => console.error(e));
  }
  return { extensions, mimeExtensions };
}

window.addEventListener('load', async () => {
  // eslint-disable-next-line no-undef -- defined by rspack.config.js (DefinePlugin)
  const bundled = new Set(__EIGENLAB_BUNDLED__);
  const federated = await loadFederated(bundled);
  const { start } = await import('./main.js');
  await start(federated);
});
