import * as vscode from 'vscode';
import { MAX_IMAGE_BYTES, imageMediaType, type AttachedImage } from '../../core/ask/imageAttachments';

/** The open dialog for images: the types every vendor takes inline. */
export async function pickImages(): Promise<vscode.Uri[]> {
  const picked = await vscode.window.showOpenDialog({
    title: 'Quorum: Attach Images',
    openLabel: 'Attach',
    canSelectMany: true,
    filters: { Images: ['png', 'jpg', 'jpeg', 'gif', 'webp'] },
  });
  return picked ?? [];
}

/** `quorum.askBestModel`'s `images` argument: file paths or URIs. */
export function imageUri(text: string): vscode.Uri {
  return /^[a-z][\w+.-]+:\/\//i.test(text) ? vscode.Uri.parse(text) : vscode.Uri.file(text);
}

/**
 * Reads the images to attach. A file of another type or over `MAX_IMAGE_BYTES` is refused with a message saying
 * why (nothing is sent); returns `undefined` then.
 */
export async function readImages(uris: readonly vscode.Uri[]): Promise<AttachedImage[] | undefined> {
  const images: AttachedImage[] = [];
  for (const uri of uris) {
    const name = uri.path.split('/').pop() ?? uri.path;
    const mediaType = imageMediaType(name);
    if (mediaType === undefined) {
      void vscode.window.showErrorMessage(`Quorum cannot attach ${name}: only PNG, JPEG, GIF and WebP images can be sent to a model.`);
      return undefined;
    }
    let bytes: Uint8Array;
    try {
      bytes = await vscode.workspace.fs.readFile(uri);
    } catch (error) {
      void vscode.window.showErrorMessage(`Quorum could not read ${name}: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
    if (bytes.byteLength > MAX_IMAGE_BYTES) {
      void vscode.window.showErrorMessage(`Quorum cannot attach ${name}: it is ${(bytes.byteLength / 1024 / 1024).toFixed(1)} MB, and models take images up to 5 MB. Resize it and try again.`);
      return undefined;
    }
    const path = vscode.workspace.asRelativePath(uri, false);
    images.push({ path, name, part: { type: 'image', mediaType, data: Buffer.from(bytes).toString('base64') } });
  }
  return images;
}
