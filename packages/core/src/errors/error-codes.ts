/**
 * The catalogue of `MobileNetError.code`: every code any package of this SDK throws, in one union, so a
 * caller can `switch` on it exhaustively and a map keyed by it (`Record<MobileNetErrorCode, …>`) fails to
 * compile when a code is added without a decision. Each package's error classes pass codes from here
 * (type-checked), so a code cannot be thrown without being listed. Codes are stable: a code is renamed
 * or removed only in a major release.
 *
 * @example
 * function exitCode(code: MobileNetErrorCode): number {
 *   switch (code) {
 *     case "INPUT_INVALID": return 4;
 *     // … every other code, or TypeScript reports the switch as not exhaustive
 *   }
 * }
 */
export type MobileNetErrorCode =
  // core: configs, checkpoints and model files
  /** A config field outside what the model accepts (`ConfigError`). */
  | "CONFIG_INVALID"
  /** A checkpoint name that cannot be parsed (`CheckpointNameError`, reason `"unparseable"`). */
  | "CHECKPOINT_NAME"
  /** A checkpoint name of a quantized TF checkpoint, which is not supported (`CheckpointNameError`). */
  | "CHECKPOINT_QUANTIZED"
  /** A file that cannot be parsed as its format: JSON, safetensors, pytorch zip… (`FileFormatError`). */
  | "FILE_FORMAT"
  /** A pickle global outside the allow-list in a pytorch_model.bin (`UnsafePickleError`). */
  | "PICKLE_UNSAFE"
  /** A state dict that does not fit the config: missing, unexpected or mis-shaped keys (`WeightsMismatchError`). */
  | "WEIGHTS_MISMATCH"
  /** Weights holding NaN or ±Infinity (`NonFiniteWeightsError`). */
  | "WEIGHTS_NON_FINITE"
  /** None of the model files asked for exists at the location (`ModelFileNotFoundError`). */
  | "MODEL_FILE_NOT_FOUND"
  /** A model file that is a directory, FIFO, socket or device (`NotARegularFileError`). */
  | "MODEL_FILE_NOT_REGULAR"
  /** A file (or archive member) larger than its cap, refused before reading (`FileTooLargeError`). */
  | "FILE_TOO_LARGE"
  /** The model computed NaN or ±Infinity from finite inputs: corrupt weights (`NonFiniteOutputError`). */
  | "MODEL_OUTPUT_NON_FINITE"
  // core: inputs, backends, network
  /** An argument or input tensor of the wrong shape, type or value (`InputError`, `NonFiniteInputError`). */
  | "INPUT_INVALID"
  /** No backend could run the model, or a backend name is taken (`BackendError`). */
  | "BACKEND"
  /** No response, or no body bytes, within a timeout (`NetworkTimeoutError`). */
  | "NETWORK_TIMEOUT"
  // pipeline
  /** config.json names a `model_type` no registered architecture handles (`UnsupportedModelTypeError`). */
  | "MODEL_TYPE_UNSUPPORTED"
  // hub
  /** The repository does not exist, or is private and no valid token was sent (`HubRepoNotFoundError`). */
  | "HUB_REPO_NOT_FOUND"
  /** The repository has no such branch, tag, commit or PR ref (`HubRevisionNotFoundError`). */
  | "HUB_REVISION_NOT_FOUND"
  /** The hub refused the token or the repository is gated (`HubAccessError`). */
  | "HUB_UNAUTHORIZED"
  /** Offline (or local files only) and the files are not in the cache (`HubOfflineError`). */
  | "HUB_OFFLINE_NOT_CACHED"
  /** The hub could not be reached and nothing usable is cached (`HubNetworkError`). */
  | "HUB_UNREACHABLE"
  /** A downloaded file did not match the hub's checksum or size (`HubIntegrityError`). */
  | "HUB_INTEGRITY"
  /** A file name from the hub or the cache that would escape the cache folder (`HubUnsafePathError`). */
  | "HUB_UNSAFE_PATH"
  /** Any other HTTP error status from the hub (`HubHttpError`). */
  | "HUB_HTTP"
  /** Not a valid repo id, nor a local folder (`HubRepoIdError`). */
  | "HUB_INVALID_REPO_ID"
  /** A revision no hub can have (`HubRevisionError`). */
  | "HUB_INVALID_REVISION"
  /** A token that is not a Hugging Face token or cannot be sent in a header (`HubTokenError`). */
  | "HUB_INVALID_TOKEN"
  /** A hub setting (option or environment variable: endpoint, timeouts…) with an unusable value (`HubSettingError`). */
  | "HUB_INVALID_SETTING"
  /** A hub file larger than its cap, refused without downloading it (`HubFileTooLargeError`). */
  | "HUB_FILE_TOO_LARGE"
  /** A cached file that is not a regular file or has the wrong size (`HubCachedFileError`). */
  | "HUB_CACHE_FILE_INVALID"
  // image-processor
  /** An image that cannot be decoded (`ImageDecodeError`). */
  | "IMAGE_DECODE"
  /** An image source that cannot be read: a missing file, a failed download… (`ImageSourceError`). */
  | "IMAGE_SOURCE"
  /** An image with no pixels (`ImageDimensionsError`, reason `"empty"`). */
  | "IMAGE_EMPTY"
  /** An image with more pixels than the limit: a possible decompression bomb (`ImageDimensionsError`). */
  | "IMAGE_TOO_LARGE"
  /** An optional peer package (sharp, to decode images in Node) is not installed (`MissingPeerDependencyError`). */
  | "DEPENDENCY_MISSING"
  // convert
  /** A path in a converter's input that is absolute, has `..` or leaves the input folder (`ConvertUnsafePathError`). */
  | "CONVERT_UNSAFE_PATH"
  /** A converter input file that is not a regular file, cannot be read or is too large (`ConvertInputFileError`). */
  | "CONVERT_INPUT_FILE"
  /** An output path that cannot be written (`OutputUnwritableError`). */
  | "OUTPUT_UNWRITABLE"
  // serve (answered over HTTP with their status; they never end a command)
  /** The request queue is full: 503 with `Retry-After` (`QueueFullError`). */
  | "SERVE_QUEUE_FULL"
  /** A request outlived its timeout: 504 (`RequestTimeoutError`). */
  | "SERVE_TIMEOUT"
  /** The server is draining after SIGTERM: 503 (`ShuttingDownError`). */
  | "SERVE_SHUTTING_DOWN"
  /** A v2 route named a model the server does not serve: 404 (`UnknownModelError`). */
  | "SERVE_MODEL_NOT_FOUND"
  /** A request body of a media type the route does not take: 415 (`UnsupportedMediaTypeError`). */
  | "SERVE_MEDIA_TYPE"
  /** A request body over the cap: 413 (`BodyTooLargeError`). */
  | "SERVE_BODY_TOO_LARGE"
  /** A request the protocol parser refuses, naming the field: 400 (`BadRequestError`). */
  | "SERVE_BAD_REQUEST"
  // train
  /** A class with no example, or whose images were all unreadable (`EmptyClassError`). */
  | "TRAIN_EMPTY_CLASS"
  /** Fewer than two classes to train on (`TooFewClassesError`). */
  | "TRAIN_TOO_FEW_CLASSES"
  /** Embeddings, labels and the backbone disagree on sizes (`EmbeddingShapeError`). */
  | "TRAIN_EMBEDDING_SHAPE"
  /** Two class names equal after Unicode NFC and case folding (`LabelCollisionError`). */
  | "TRAIN_LABEL_COLLISION"
  /** No image could be read, or none was given (`NoUsableImagesError`). */
  | "TRAIN_NO_IMAGES"
  /** An image folder that is not a folder, cannot be read, links outside itself or is too large (`DatasetFolderError`). */
  | "TRAIN_DATASET_FOLDER"
  // command lines
  /** A bad command-line option or environment variable (`UsageError`, `ConvertUsageError`, `ImageEnvVarError`). */
  | "USAGE"
  /** The reader of stdout went away; the command stopped (`OutputClosedError`). */
  | "OUTPUT_CLOSED";
