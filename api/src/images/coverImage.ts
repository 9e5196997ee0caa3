import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { validationFailed } from '../errors.js';

/** The cover's size on the event page: full phone width at 2x, 16:9, so the page can reserve its box. */
export const COVER_WIDTH = 750;
export const COVER_HEIGHT = 422;
/** Upload limit before resizing (a phone photo is 2–6 MB). */
export const COVER_MAX_BYTES = 8 * 1024 * 1024;
/** Refuse decompression bombs: a small file that decodes to a huge bitmap. */
const MAX_INPUT_PIXELS = 50_000_000;

export type ImageKind = 'jpeg' | 'png' | 'webp';

/** The real type of an upload, by its first bytes (the file name and declared type are the client's word). */
export function sniffImage(head: Buffer): ImageKind | null {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  if (head.length >= 8 && head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (head.length >= 12 && head.toString('latin1', 0, 4) === 'RIFF' && head.toString('latin1', 8, 12) === 'WEBP') return 'webp';
  return null;
}

export interface CoverImage {
  data: Buffer;
  contentType: string;
  etag: string;
  width: number;
  height: number;
}

const coverError = (message: string) => validationFailed([{ field: 'file', label: '封面图片', message }]);

/**
 * Checks an upload is a JPEG, PNG or WebP picture and makes the event cover from it: cropped to 16:9
 * around its most interesting part, 750×422, progressive JPEG (what both WeChat and browsers show
 * without a fallback). Anything else is a 400 naming the field.
 */
export async function makeCover(upload: Buffer): Promise<CoverImage> {
  if (!sniffImage(upload)) throw coverError('只支持 JPG、PNG 或 WebP 图片');
  let data: Buffer;
  try {
    data = await sharp(upload, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
      .rotate() // phone photos carry their orientation in EXIF; apply it before cropping
      .resize(COVER_WIDTH, COVER_HEIGHT, { fit: 'cover', position: sharp.strategy.attention })
      .flatten({ background: '#ffffff' }) // transparent PNGs get a white background, not black
      .jpeg({ quality: 78, progressive: true, mozjpeg: true })
      .toBuffer();
  } catch {
    throw coverError('图片已损坏或尺寸过大，无法读取');
  }
  return {
    data,
    contentType: 'image/jpeg',
    etag: `"${createHash('sha256').update(data).digest('base64url').slice(0, 27)}"`,
    width: COVER_WIDTH,
    height: COVER_HEIGHT,
  };
}
