import type { MobileNetError } from "@mobilenetv1/core";
import { MAX_CLASS_NAME_LENGTH } from "@mobilenetv1/train";
import { el } from "./dom.js";
import { bindHoldButton } from "./frame-recorder.js";
import { MAX_SAMPLES_PER_CLASS, type SampleSource, type TeachClass } from "./teach-state.js";

/** What a class card asks its owner to do. */
export interface ClassCardActions {
  rename(classId: number, name: string): void;
  remove(classId: number): void;
  recordStart(classId: number): void;
  recordStop(): void;
  addImages(classId: number, images: Blob[], source: SampleSource): void;
  removeSample(classId: number, sampleId: number): void;
}

/** One class's card: its name field, record and file buttons, and its examples as thumbnails. */
export interface ClassCard {
  readonly element: HTMLLIElement;
  /** Shows the class's examples, count and name problem (the name field is left alone while typed in). */
  update(params: { teachClass: TeachClass; problem: MobileNetError | undefined; canRecord: boolean }): void;
  /** Releases the thumbnails' object URLs. */
  dispose(): void;
}

/**
 * Builds a class card. Images dropped on it or pasted while focus is inside it go to this class (and
 * stop there, so the page's own drop and paste handlers do not also take them).
 */
export function createClassCard(params: { teachClass: TeachClass; actions: ClassCardActions }): ClassCard {
  const { actions } = params;
  const id = params.teachClass.id;
  const element = el("li", { className: "teach-class" });
  element.dataset.classId = String(id);
  const nameId = `teach-class-name-${id}`;
  const problemId = `teach-class-problem-${id}`;
  const label = el("label", { htmlFor: nameId, textContent: "Class name" });
  const name = el("input", { id: nameId, value: params.teachClass.name, maxLength: MAX_CLASS_NAME_LENGTH });
  name.spellcheck = false;
  name.setAttribute("autocomplete", "off");
  name.setAttribute("aria-describedby", problemId);
  name.addEventListener("input", () => actions.rename(id, name.value));
  const remove = el("button", { type: "button", className: "teach-remove-class", textContent: "Remove" });
  const problem = el("p", { id: problemId, className: "teach-name-problem", hidden: true });
  const count = el("p", { className: "teach-count" });
  count.setAttribute("aria-live", "polite");

  const record = el("button", {
    type: "button",
    className: "teach-record primary",
    textContent: "Hold to record",
  });
  const hold = bindHoldButton({
    button: record,
    onStart: () => actions.recordStart(id),
    onStop: () => actions.recordStop(),
  });
  const filesButton = el("button", { type: "button", textContent: "Add files…" });
  const files = el("input", { type: "file", accept: "image/*", multiple: true, hidden: true });
  filesButton.addEventListener("click", () => files.click());
  files.addEventListener("change", () => {
    const chosen = [...(files.files ?? [])];
    files.value = ""; // the same files again still fire "change"
    if (chosen.length) actions.addImages(id, chosen, "file");
  });
  const hint = el("p", { className: "hint", textContent: "…or drop images here, or paste one (Ctrl/⌘+V)." });
  const thumbs = el("ul", { className: "teach-thumbs" });
  const actionsRow = el("div", { className: "button-row" });
  actionsRow.append(record, filesButton, files);
  const head = el("div", { className: "teach-class-head" });
  head.append(label, name, remove);
  element.append(head, problem, count, actionsRow, hint, thumbs);

  element.addEventListener("drop", (event) => {
    const dropped = [...(event.dataTransfer?.files ?? [])];
    if (!dropped.length) return;
    event.preventDefault();
    event.stopPropagation();
    actions.addImages(id, dropped, "file");
  });
  element.addEventListener("paste", (event) => {
    const pasted = [...(event.clipboardData?.files ?? [])].filter((f) => f.type.startsWith("image/"));
    if (!pasted.length) return; // text pasted into the name field is typing
    event.preventDefault();
    event.stopPropagation();
    actions.addImages(id, pasted, "paste");
  });

  const urls = new Map<number, string>();
  const thumbItems = new Map<number, HTMLLIElement>();
  let className = params.teachClass.name;
  remove.addEventListener("click", () => actions.remove(id));

  return {
    element,
    update({ teachClass, problem: nameProblem, canRecord }) {
      className = teachClass.name;
      if (document.activeElement !== name && name.value !== teachClass.name) name.value = teachClass.name;
      remove.setAttribute("aria-label", `Remove class ${className}`);
      name.setAttribute("aria-invalid", String(!!nameProblem));
      problem.hidden = !nameProblem;
      problem.textContent = nameProblem?.message ?? "";
      const n = teachClass.samples.length;
      count.textContent = `${n} example${n === 1 ? "" : "s"}${n >= MAX_SAMPLES_PER_CLASS ? " (full)" : ""}`;
      element.dataset.count = String(n);
      const recordable = canRecord && n < MAX_SAMPLES_PER_CLASS;
      if (!recordable) hold.release(); // the class is full or the webcam stopped mid-hold
      record.disabled = !recordable;
      record.title = canRecord ? "Hold to record webcam frames (about 5 a second)" : "Start the webcam first";
      record.setAttribute("aria-label", `Hold to record examples of ${className}`);
      filesButton.setAttribute("aria-label", `Add image files to ${className}`);
      filesButton.disabled = n >= MAX_SAMPLES_PER_CLASS;

      const present = new Set(teachClass.samples.map((s) => s.id));
      for (const [sampleId, item] of thumbItems) {
        if (present.has(sampleId)) continue;
        item.remove();
        URL.revokeObjectURL(urls.get(sampleId)!);
        urls.delete(sampleId);
        thumbItems.delete(sampleId);
      }
      for (const [i, sample] of teachClass.samples.entries()) {
        let item = thumbItems.get(sample.id);
        if (!item) {
          const url = URL.createObjectURL(sample.image);
          urls.set(sample.id, url);
          item = el("li", { className: "teach-thumb" });
          item.dataset.source = sample.source;
          const img = el("img", { src: url, alt: "", width: 48, height: 48 });
          const drop = el("button", { type: "button", className: "teach-thumb-remove", textContent: "×" });
          drop.addEventListener("click", () => actions.removeSample(id, sample.id));
          item.append(img, drop);
          thumbItems.set(sample.id, item);
          thumbs.append(item);
        }
        item.dataset.error = sample.error ? "true" : "false";
        item.title = sample.error ? `Left out: ${sample.error.message}` : `${sample.source} example`;
        item.querySelector("button")!.setAttribute("aria-label", `Remove example ${i + 1} of ${className}`);
      }
    },
    dispose() {
      for (const url of urls.values()) URL.revokeObjectURL(url);
      urls.clear();
    },
  };
}
