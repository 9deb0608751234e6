/** @mobilenetv1/train/image-folder (Node): a dataset folder of class subfolders → labelled image paths. */
export {
  DEFAULT_MAX_IMAGE_FOLDER_FILES,
  IMAGE_FOLDER_EXTENSIONS,
  type ImageFolderExample,
  readImageFolder,
} from "./read-image-folder.js";
