import busboy from 'busboy';
import type { Context } from 'koa';
import { validationFailed } from '../errors.js';

const fileError = (field: string, label: string, message: string) => validationFailed([{ field, label, message }]);

/**
 * Reads the one file of a `multipart/form-data` upload (what `Taro.uploadFile` sends) into memory,
 * refusing more than `maxBytes` as soon as the stream passes it. Missing file, wrong content type or
 * an oversized file is a 400 naming the field, in Chinese.
 */
export function readMultipartFile(ctx: Context, opts: { field: string; label: string; maxBytes: number }): Promise<Buffer> {
  const { field, label, maxBytes } = opts;
  if (!ctx.is('multipart/form-data')) {
    return Promise.reject(fileError(field, label, '请以 multipart/form-data 上传图片文件'));
  }
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: ctx.req.headers, limits: { files: 1, fileSize: maxBytes, fields: 10, fieldSize: 1024 } });
    } catch {
      reject(fileError(field, label, '上传内容格式有误'));
      return;
    }
    let found: Promise<Buffer> | null = null;
    parser.on('file', (name, stream) => {
      if (name !== field || found) {
        stream.resume();
        return;
      }
      found = new Promise((done, fail) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('limit', () => fail(fileError(field, label, `图片不能超过 ${Math.round(maxBytes / 1024 / 1024)} MB`)));
        stream.on('end', () => done(Buffer.concat(chunks)));
        stream.on('error', fail);
      });
    });
    parser.on('error', () => reject(fileError(field, label, '上传内容格式有误')));
    parser.on('close', () => {
      if (!found) reject(fileError(field, label, '请选择要上传的图片'));
      else found.then(resolve, reject);
    });
    ctx.req.pipe(parser);
  });
}
