/**
 * Builds multipart bodies for generated upload functions. Unlike a plain
 * `FormData.append`, it keeps the bytes of Node Buffers and typed arrays
 * (FormData would turn them into text), sends numbers and booleans as text,
 * JSON-encodes plain objects, and repeats a field for each array element.
 */
export function toMultipart<Body extends object>(body: Body | undefined): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(body ?? {})) {
    if (value === undefined || value === null) continue;
    for (const item of Array.isArray(value) ? value : [value]) appendPart(form, key, item);
  }
  return form;
}

function appendPart(form: FormData, key: string, value: unknown): void {
  if (value instanceof Blob) {
    const name = (value as Partial<File>).name;
    form.append(key, value, typeof name === "string" && name !== "" ? name : key);
  } else if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) {
    const bytes = value instanceof ArrayBuffer ? new Uint8Array(value) : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
    form.append(key, new Blob([bytes as Uint8Array<ArrayBuffer>]), key);
  } else if (typeof value === "object") {
    form.append(key, JSON.stringify(value));
  } else {
    form.append(key, String(value));
  }
}

/** Form-urlencoded bodies with the same value rules (booleans and numbers as text, arrays repeated). */
export function toFormUrlEncoded<Body extends object>(body: Body | undefined): URLSearchParams {
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(body ?? {})) {
    if (value === undefined || value === null) continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      form.append(key, typeof item === "object" ? JSON.stringify(item) : String(item));
    }
  }
  return form;
}
