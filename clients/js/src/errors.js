// @ts-check
/** The message of whatever was thrown, for error reports. */

/**
 * @param {unknown} error
 * @returns {string}
 */
export function errorMessage(error) {
  return String((error && /** @type {{ message?: unknown }} */ (error).message) || error);
}
