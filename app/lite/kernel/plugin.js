// Registers the Eigenlab (browser) kernel with JupyterLite's kernel specs. A service-manager plugin (it is
// resolved with the service manager, before the lab starts), so the kernel spec is there when the lab first
// lists kernels. It also routes the lab's interrupt to the kernel (JupyterLite's client only cancels the
// queued cells; kernel.js says what stopping the running one does).
import { IDefaultDrive } from '@jupyterlab/services';
import { IKernelClient, IKernelSpecs } from '@jupyterlite/services';
import { Token } from '@lumino/coreutils';
import { EigenlabBrowserKernel } from './kernel';
import logo from './logo.svg';

export const IEigenlabBrowserKernel = new Token('@eigenlab/lite:kernel', 'The Eigenlab (browser) kernel is registered.');

export const KERNEL_NAME = 'eigenlab-browser';

export const kernelPlugin = {
  id: '@eigenlab/lite:kernel',
  description: 'The Eigenlab (browser) kernel: TypeScript and @eigenlab/core in a Web Worker.',
  autoStart: true,
  requires: [IKernelSpecs, IKernelClient],
  optional: [IDefaultDrive],
  provides: IEigenlabBrowserKernel,
  activate: (_, kernelspecs, kernelClient, drive) => {
    const kernels = new Map();
    const logoUrl = `data:image/svg+xml;base64,${btoa(logo)}`;
    kernelspecs.register({
      spec: {
        name: KERNEL_NAME,
        display_name: 'Eigenlab (browser)',
        language: 'typescript',
        argv: [],
        spec: {
          argv: [],
          env: {},
          display_name: 'Eigenlab (browser)',
          language: 'typescript',
          interrupt_mode: 'message',
          metadata: {}
        },
        resources: { 'logo-32x32': logoUrl, 'logo-64x64': logoUrl }
      },
      create: async (options) => {
        const kernel = new EigenlabBrowserKernel(options, drive ?? null);
        kernels.set(kernel.id, kernel);
        kernel.disposed.connect(() => kernels.delete(kernel.id));
        return kernel;
      }
    });
    const interrupt = kernelClient.interrupt.bind(kernelClient);
    kernelClient.interrupt = async (kernelId) => {
      kernels.get(kernelId)?.interrupt();
      return interrupt(kernelId);
    };
    return { kernels };
  }
};
