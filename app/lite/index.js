// Entry of the in-browser edition (JupyterLite 0.8 on JupyterLab 4.6): the lab's stock extensions, JupyterLite's
// in-browser services (contents in the browser's storage layered over the site's files, settings, kernels),
// our renderer (@eigenlab/jupyterlab) and the Eigenlab (browser) kernel. No server: every request is a file
// of the static site (scripts/build-lite.js writes them). The steps of JupyterLite's own app template: plugins
// into a PluginRegistry, the service manager resolved from the service plugins, then the JupyterLab app.
import { PageConfig } from '@jupyterlab/coreutils';
import {
  ContentsManager,
  IConfigSectionManager,
  IContentsManager,
  IDefaultDrive,
  IEventManager,
  IKernelManager,
  IKernelSpecManager,
  INbConvertManager,
  IServerSettings,
  IServiceManager,
  ISessionManager,
  ISettingManager,
  IUserManager,
  IWorkspaceManager,
  ServerConnection,
  ServiceManager
} from '@jupyterlab/services';
import { PluginRegistry } from '@lumino/coreutils';
import { JupyterLab } from '@jupyterlab/application';
import './build/style.js';
import * as lists from './build/extensions.js';
import { IEigenlabBrowserKernel, kernelPlugin } from './kernel/plugin';

function pluginsOf(module) {
  const exported = Object.prototype.hasOwnProperty.call(module, '__esModule') ? module.default : module;
  return Array.isArray(exported) ? exported : [exported];
}

/** The contents manager over JupyterLite's default drive (JupyterLab's services-extension is not used here). */
const contentsPlugin = {
  id: '@eigenlab/lite:contents-manager',
  autoStart: true,
  provides: IContentsManager,
  requires: [IDefaultDrive],
  optional: [IServerSettings],
  activate: (_, defaultDrive, serverSettings) => new ContentsManager({ defaultDrive, serverSettings: serverSettings ?? undefined })
};

/** The service manager from JupyterLite's service plugins (and the kernel plugin, so its spec is listed). */
const serviceManagerPlugin = {
  id: '@eigenlab/lite:service-manager',
  autoStart: true,
  provides: IServiceManager,
  requires: [IEigenlabBrowserKernel, IDefaultDrive, IContentsManager, IKernelManager, IKernelSpecManager, ISessionManager, ISettingManager],
  optional: [IConfigSectionManager, IEventManager, INbConvertManager, IUserManager, IWorkspaceManager, IServerSettings],
  activate: (_, _kernel, defaultDrive, contents, kernels, kernelspecs, sessions, settings, _config, events, nbconvert, user, workspaces, serverSettings) =>
    new ServiceManager({
      defaultDrive,
      contents,
      kernels,
      kernelspecs,
      sessions,
      settings,
      events: events ?? undefined,
      nbconvert: nbconvert ?? undefined,
      user: user ?? undefined,
      workspaces: workspaces ?? undefined,
      serverSettings: serverSettings ?? ServerConnection.makeSettings(),
      standby: 'never'
    })
};

export async function main() {
  const disabled = new Set(lists.disabledPlugins);
  const keep = (p) => !disabled.has(p.id) && !disabled.has(p.id.split(':')[0]);
  const mimeExtensions = (await Promise.all(lists.mimeExtensions)).map(pluginsOf).flat().filter(keep);
  const plugins = (await Promise.all(lists.extensions)).map(pluginsOf).flat().filter(keep);
  plugins.push(kernelPlugin, contentsPlugin, serviceManagerPlugin);

  const pluginRegistry = new PluginRegistry();
  pluginRegistry.registerPlugins(plugins);
  const serviceManager = await pluginRegistry.resolveRequiredService(IServiceManager);
  await serviceManager.kernelspecs.refreshSpecs();

  const app = new JupyterLab({ pluginRegistry, mimeExtensions, serviceManager, availablePlugins: plugins });
  app.name = PageConfig.getOption('appName') || 'Eigenlab';
  // The browser tests (test/browser/lite.test.ts) drive the app through its command registry and shell.
  window.jupyterapp = app;
  await app.start({ bubblingKeydown: true });
  await app.restored;
  document.body.dataset.eigenlabLab = 'ready';
}
