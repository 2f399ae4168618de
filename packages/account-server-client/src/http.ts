// The request function generated code calls, and the types orval expects beside it.

import {
  type ApiError,
  createRequester,
  toFormUrlEncoded as encodeForm,
  toMultipart as encodeMultipart,
  type RequestOptions,
  type ResponseBody,
} from "@sciclients/core";
import type { AxiosRequestConfig } from "axios";

const send = createRequester("account-server");

/** Sends a Account Server request through the client given in the options (`{ client }`). */
export const accountServerRequest = <T>(config: AxiosRequestConfig, options?: RequestOptions): Promise<ResponseBody<T>> =>
  send<T>(config, options);

/** The error type of every generated hook: an ApiError whose body is the service's error body. */
export type ErrorType<Body> = ApiError<Body>;
/** Request bodies are sent as typed. */
export type BodyType<Body> = Body;

/** Multipart bodies that keep Buffer bytes and file names (orval's formData hook). */
export const toMultipart = <Body extends object>(body: Body | undefined): FormData => encodeMultipart(body);
/** Form-urlencoded bodies (orval's formUrlEncoded hook). */
export const toFormUrlEncoded = <Body extends object>(body: Body | undefined): URLSearchParams => encodeForm(body);
