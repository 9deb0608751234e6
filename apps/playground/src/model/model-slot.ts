/**
 * The model in use and the one being loaded. A load that fails leaves the model in use in place (the
 * page keeps classifying with it, which matters most offline, where the new one may never come); one
 * that succeeds replaces it. Asking again for the model in use drops a load still running, so a late
 * arrival cannot replace what the user went back to.
 *
 * @example
 * const slot = new ModelSlot({ key: (s) => s.modelId, load: (s) => loadClassifier({ settings: s }) });
 * await slot.get(settings); // loads
 * await slot.get({ ...settings, modelId: "org/missing" }).catch(() => slot.active); // still the first model
 */
export class ModelSlot<S, M> {
  #active: { key: string; model: M } | undefined;
  #pending: { key: string; model: Promise<M> } | undefined;
  readonly #key: (settings: S) => string;
  readonly #load: (settings: S) => Promise<M>;

  constructor(params: { key: (settings: S) => string; load: (settings: S) => Promise<M> }) {
    this.#key = params.key;
    this.#load = params.load;
  }

  /** The last model that loaded and was not replaced. */
  get active(): M | undefined {
    return this.#active?.model;
  }

  /** Whether `settings` name the model in use (so asking for it starts no load). */
  isActive(settings: S): boolean {
    return this.#active?.key === this.#key(settings);
  }

  /** Whether `settings` name a model that is still loading. */
  isLoading(settings: S): boolean {
    return this.#pending?.key === this.#key(settings);
  }

  /** The model for `settings`: the one in use, the one loading, or a new load. */
  get(settings: S): Promise<M> {
    const key = this.#key(settings);
    if (this.#active?.key === key) {
      this.#pending = undefined;
      return Promise.resolve(this.#active.model);
    }
    if (this.#pending?.key === key) return this.#pending.model;
    const pending = { key, model: this.#load(settings) };
    this.#pending = pending;
    pending.model.then(
      (model) => {
        if (this.#pending !== pending) return;
        this.#pending = undefined;
        this.#active = { key, model };
      },
      () => {
        // The next request for these settings starts over (e.g. after going online).
        if (this.#pending === pending) this.#pending = undefined;
      },
    );
    return pending.model;
  }
}
