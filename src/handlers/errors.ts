/** Handlers and use cases share one coded error; it lives with the use cases that throw it. */
export { AppError } from '../usecases/errors';
