import { InputError, type MobileNetError } from "@mobilenetv1/core";
import {
  foldClassName,
  LabelCollisionError,
  MAX_CLASS_NAME_LENGTH,
  TooFewClassesError,
} from "@mobilenetv1/train";

/** Where an example came from (shown on its thumbnail, and how the test tells them apart). */
export type SampleSource = "webcam" | "file" | "paste";

/** One example image of a class. */
export interface TeachSample {
  readonly id: number;
  readonly image: Blob;
  readonly source: SampleSource;
  /** The pooled features, once computed, and the backbone they came from (a new model invalidates them). */
  embedding?: { readonly modelKey: string; readonly vector: Float32Array };
  /** Set when the image could not be read: it is left out of training and shown as broken. */
  error?: MobileNetError;
}

/** A class being taught: its name as typed and its examples. */
export interface TeachClass {
  readonly id: number;
  name: string;
  readonly samples: TeachSample[];
}

/** Most classes a page teaches (each one is a card with its own examples). */
export const MAX_CLASSES = 20;
/** Most examples per class: webcam frames are ~30-60 kB each as JPEG, so this bounds memory too. */
export const MAX_SAMPLES_PER_CLASS = 200;
/** Fewest examples a class needs before training (the fitter keeps one training row per class). */
export const MIN_SAMPLES_PER_CLASS = 1;

/** Why Train is disabled, or that it is not. */
export type Readiness = { ready: true } | { ready: false; reason: string };

/**
 * The class list and each class's examples, with no DOM: the views render it and call these methods.
 * Class names are kept as typed; {@link classNameProblems} says which are unusable, and training is
 * refused until none is.
 *
 * @example
 * const state = new TeachState();
 * state.addClass({ name: "Cat" });
 * state.addClass({ name: "cat" });
 * state.classNameProblems().get(2)?.code // "TRAIN_LABEL_COLLISION"
 */
export class TeachState {
  readonly classes: TeachClass[] = [];
  private nextId = 1;
  /** Bumped on every change, so a trained model can tell whether it is out of date. */
  revision = 0;

  /** Adds a class (named "Class N" unless given a name) and returns it; refuses past {@link MAX_CLASSES}. */
  addClass(params: { name?: string } = {}): TeachClass {
    if (this.classes.length >= MAX_CLASSES) {
      throw new InputError({
        argument: "classes",
        value: this.classes.length + 1,
        expected: `at most ${MAX_CLASSES} classes`,
      });
    }
    let n = this.classes.length + 1;
    const taken = new Set(this.classes.map((c) => foldClassName(c.name)));
    while (!params.name && taken.has(foldClassName(`Class ${n}`))) n++;
    const added: TeachClass = { id: this.nextId++, name: params.name ?? `Class ${n}`, samples: [] };
    this.classes.push(added);
    this.revision++;
    return added;
  }

  renameClass(params: { classId: number; name: string }): void {
    this.classById(params.classId).name = params.name;
    this.revision++;
  }

  removeClass(params: { classId: number }): TeachClass {
    const index = this.classes.indexOf(this.classById(params.classId));
    this.revision++;
    return this.classes.splice(index, 1)[0]!;
  }

  /**
   * Adds images to a class, as many as it has room for; returns the samples added (the rest were
   * refused: the view says how many).
   */
  addSamples(params: { classId: number; images: readonly Blob[]; source: SampleSource }): TeachSample[] {
    const target = this.classById(params.classId);
    const room = Math.max(0, MAX_SAMPLES_PER_CLASS - target.samples.length);
    const added = params.images.slice(0, room).map((image) => ({
      id: this.nextId++,
      image,
      source: params.source,
    }));
    target.samples.push(...added);
    if (added.length) this.revision++;
    return added;
  }

  removeSample(params: { classId: number; sampleId: number }): TeachSample | undefined {
    const samples = this.classById(params.classId).samples;
    const index = samples.findIndex((s) => s.id === params.sampleId);
    if (index < 0) return undefined;
    this.revision++;
    return samples.splice(index, 1)[0];
  }

  /** Room left in a class. */
  room(params: { classId: number }): number {
    return MAX_SAMPLES_PER_CLASS - this.classById(params.classId).samples.length;
  }

  /**
   * Each unusable class name by class id, by `@mobilenetv1/train`'s rules and as the typed error its
   * fitter would throw, but for every class at once (the cards mark each): blank, too long or with
   * control characters (`InputError`), equal to an earlier one after NFC and case folding
   * (`LabelCollisionError`, with train's `foldClassName`).
   */
  classNameProblems(): Map<number, MobileNetError> {
    const problems = new Map<number, MobileNetError>();
    const seen = new Map<string, string>();
    for (const c of this.classes) {
      const name = c.name;
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
      if (!name.trim() || name.length > MAX_CLASS_NAME_LENGTH || /[\u0000-\u001f\u007f]/.test(name)) {
        problems.set(
          c.id,
          new InputError({
            argument: "class name",
            value: name,
            expected: `a non-blank name of at most ${MAX_CLASS_NAME_LENGTH} characters without control characters`,
          }),
        );
        continue;
      }
      const folded = foldClassName(name);
      const earlier = seen.get(folded);
      if (earlier !== undefined)
        problems.set(c.id, new LabelCollisionError({ labels: [earlier, name], folded }));
      else seen.set(folded, name);
    }
    return problems;
  }

  /** Whether the classes can be trained as they are, and if not the first reason why. */
  readiness(): Readiness {
    if (this.classes.length < 2) {
      const error = new TooFewClassesError({ classNames: this.classes.map((c) => c.name) });
      return { ready: false, reason: `Add at least 2 classes (${error.message}).` };
    }
    const [problem] = this.classNameProblems().values();
    if (problem) return { ready: false, reason: `Fix the class names: ${problem.message}.` };
    for (const c of this.classes) {
      const usable = c.samples.filter((s) => !s.error).length;
      if (usable < MIN_SAMPLES_PER_CLASS) return { ready: false, reason: `Add examples to “${c.name}”.` };
    }
    return { ready: true };
  }

  /** Every usable example with its class name, in class then insertion order. */
  examples(): { sample: TeachSample; label: string }[] {
    return this.classes.flatMap((c) =>
      c.samples.filter((s) => !s.error).map((sample) => ({ sample, label: c.name })),
    );
  }

  private classById(id: number): TeachClass {
    const found = this.classes.find((c) => c.id === id);
    if (!found)
      throw new InputError({ argument: "classId", value: id, expected: "the id of a class on the list" });
    return found;
  }
}
