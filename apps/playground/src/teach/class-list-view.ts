import type { ErrorDescription } from "../view/describe-error.js";
import { type ClassCard, type ClassCardActions, createClassCard } from "./class-card-view.js";
import type { FrameRecorder } from "./frame-recorder.js";
import { MAX_SAMPLES_PER_CLASS, type TeachState } from "./teach-state.js";

/**
 * The class cards, one per class of `state` in its order: each card's buttons change the state (or start
 * and stop the recorder) and then `changed()` re-renders the page.
 */
export function createClassListView(params: {
  list: HTMLOListElement;
  state: TeachState;
  recorder: FrameRecorder;
  changed: () => void;
  afterRemove: () => void;
  /** A message for the page's alert region (`undefined` clears it). */
  showError: (error: ErrorDescription | undefined) => void;
}): { render(params: { canRecord: boolean }): void; card(classId: number): ClassCard | undefined } {
  const { state, recorder, changed } = params;
  const cards = new Map<number, ClassCard>();
  const actions: ClassCardActions = {
    rename: (classId, name) => {
      state.renameClass({ classId, name });
      changed();
    },
    remove: (classId) => {
      state.removeClass({ classId });
      cards.get(classId)?.dispose();
      cards.get(classId)?.element.remove();
      cards.delete(classId);
      changed();
      params.afterRemove();
    },
    recordStart: (classId) => recorder.start({ classId, now: performance.now() }),
    recordStop: () => recorder.stop(),
    addImages: (classId, images, source) => {
      params.showError(undefined);
      const added = state.addSamples({ classId, images, source });
      if (added.length < images.length) {
        params.showError({
          title: "Class full",
          advice: `A class keeps at most ${MAX_SAMPLES_PER_CLASS} examples; remove some to add more.`,
          detail: `${images.length - added.length} of ${images.length} images were not added`,
        });
      }
      changed();
    },
    removeSample: (classId, sampleId) => {
      state.removeSample({ classId, sampleId });
      changed();
    },
  };

  return {
    render({ canRecord }) {
      const problems = state.classNameProblems();
      for (const [i, c] of state.classes.entries()) {
        let card = cards.get(c.id);
        if (!card) {
          card = createClassCard({ teachClass: c, actions });
          cards.set(c.id, card);
        }
        // Moved only when out of place: moving a node blurs the focused element in it (a held record button).
        const here = params.list.children[i];
        if (here !== card.element) params.list.insertBefore(card.element, here ?? null);
        card.update({ teachClass: c, problem: problems.get(c.id), canRecord });
      }
    },
    card: (classId) => cards.get(classId),
  };
}
