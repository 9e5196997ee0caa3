import { Schema } from 'mongoose';

/**
 * An uploaded picture (an event's cover), already resized, stored as one binary document. A cover
 * of 750 px is tens of kilobytes, far below MongoDB's 16 MB document limit, so GridFS's chunking
 * buys nothing here, and one document works the same on the embedded test server and MongoDB 7.
 * Documents never change: a new upload is a new document, so the `_id` in the URL can be cached forever.
 */
export const imageSchema = new Schema(
  {
    data: { type: Buffer, required: true },
    contentType: { type: String, required: true },
    /** sha256 of `data`, served as the ETag. */
    etag: { type: String, required: true },
    width: { type: Number, required: true },
    height: { type: Number, required: true },
    /** The event it is the cover of, and who uploaded it (for cleaning up and audit). */
    event: { type: Schema.Types.ObjectId, ref: 'Event', index: true },
    createdBy: { type: Schema.Types.ObjectId, ref: 'User' },
  },
  { timestamps: { createdAt: true, updatedAt: false } },
);
