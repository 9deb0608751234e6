/**
 * A budget of decoded pixels shared by the images of one batch: an image reserves its declared pixel
 * count before it is decoded and gives it back once written into the batch tensor. Reservations are
 * granted in order (first come, first served, so a large image is not starved by small ones), and an
 * image larger than the whole budget is granted alone, once nothing else holds any.
 *
 * @example
 * const budget = new PixelBudget({ limit: 100 });
 * const release = await budget.reserve(60); // granted at once
 * const later = budget.reserve(60); // waits until release() is called
 */
export class PixelBudget {
  private readonly limit: number;
  private inUse = 0;
  private holders = 0;
  private readonly waiting: { pixels: number; grant: () => void }[] = [];

  constructor(params: { limit: number }) {
    this.limit = params.limit;
  }

  /** Waits until `pixels` fit, then holds them; the returned function gives them back (once). */
  async reserve(pixels: number): Promise<() => void> {
    if (this.waiting.length > 0 || !this.fits(pixels)) {
      await new Promise<void>((grant) => this.waiting.push({ pixels, grant }));
    } else {
      this.take(pixels);
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inUse -= pixels;
      this.holders--;
      this.grantWaiting();
    };
  }

  private fits(pixels: number): boolean {
    return this.holders === 0 || this.inUse + pixels <= this.limit;
  }

  private take(pixels: number): void {
    this.inUse += pixels;
    this.holders++;
  }

  private grantWaiting(): void {
    while (this.waiting.length > 0 && this.fits(this.waiting[0]!.pixels)) {
      const next = this.waiting.shift()!;
      this.take(next.pixels);
      next.grant();
    }
  }
}
