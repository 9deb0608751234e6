import type { GpuAdapterSummary } from "../model/webgpu-adapter.js";
import type { PageElements } from "./page-elements.js";

/**
 * Offers WebGPU in the backend menu only when the browser has an adapter (an exposed `navigator.gpu`
 * with no adapter behind it cannot run anything), marks a software adapter as slow, and says in the
 * hint what Auto will do with it. The option labels stay short so the menu is never cut off; the
 * adapter's name goes in the hint.
 */
export function renderDeviceMenu(ui: PageElements, adapter: GpuAdapterSummary | undefined): void {
  const option = ui.device.querySelector<HTMLOptionElement>('option[value="webgpu"]');
  if (!adapter) {
    option?.remove();
    ui.deviceHint.textContent = "This browser has no WebGPU adapter: models run on WebAssembly.";
    return;
  }
  if (option) option.textContent = adapter.software ? "WebGPU (software, slow)" : "WebGPU (GPU)";
  ui.deviceHint.textContent = adapter.software
    ? `WebGPU here is a software adapter (${adapter.name}), slower than WebAssembly: Auto uses WebAssembly.`
    : `WebGPU adapter: ${adapter.name}. Auto uses it, or WebAssembly if it does not start.`;
}
