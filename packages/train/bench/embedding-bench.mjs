// What train.bench.mjs measures of the embeddings themselves: extraction speed at a given batch size, and
// k-nearest-neighbours accuracy on them (the baseline a trained head must beat).
import { interleave } from "@mobilenetv1/bench-support/stats";

/**
 * Median images/s of `extractor(images, { pool: true, batchSize })` for each batch size (decode and
 * preprocessing included, the next batch decoded while one runs), interleaved over `rounds` rounds.
 */
export async function extractionRates({ extractor, images, batchSizes, rounds }) {
  const timings = await interleave({
    rounds,
    warmup: 1,
    cases: batchSizes.map((batchSize) => ({
      name: String(batchSize),
      run: async () => {
        await extractor(images, { pool: true, batchSize });
      },
    })),
  });
  return batchSizes.map((batchSize) => ({
    batchSize,
    imagesPerSecond: images.length / (timings[String(batchSize)].ms / 1000),
  }));
}

/**
 * Test accuracy of k-nearest-neighbours on embeddings, as scikit-learn's KNeighborsClassifier(k) predicts:
 * Euclidean distance, uniform votes, a tie between classes going to the lowest class index, and among
 * equally distant neighbours the earlier training row first.
 */
export function knnAccuracy({ train, trainLabels, test, testLabels, numFeatures, k = 5 }) {
  const classes = [...new Set(trainLabels)].sort();
  const classOf = trainLabels.map((l) => classes.indexOf(l));
  let right = 0;
  const distances = new Float64Array(trainLabels.length);
  const order = trainLabels.map((_, i) => i);
  for (let t = 0; t < testLabels.length; t++) {
    for (let r = 0; r < trainLabels.length; r++) {
      let d = 0;
      for (let j = 0; j < numFeatures; j++) {
        const diff = test[t * numFeatures + j] - train[r * numFeatures + j];
        d += diff * diff;
      }
      distances[r] = d;
    }
    order.sort((a, b) => distances[a] - distances[b] || a - b);
    const votes = new Array(classes.length).fill(0);
    for (let n = 0; n < k; n++) votes[classOf[order[n]]]++;
    const predicted = votes.indexOf(Math.max(...votes));
    if (classes[predicted] === testLabels[t]) right++;
  }
  return right / testLabels.length;
}
