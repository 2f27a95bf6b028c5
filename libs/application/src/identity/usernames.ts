/** Usernames chosen by operators and `npm run admin`: lower-case letters, digits, `_ . -`, starting with a letter. */
export const USERNAME_PATTERN = /^[a-z][a-z0-9_.-]{2,39}$/;

/** The rule of {@link USERNAME_PATTERN} in words, for messages. */
export const USERNAME_RULE = '3-40 lower-case letters, digits, _ . - starting with a letter';

/** True for a username an operator may choose (it can never look like a mobile number, which starts with a digit). */
export const isValidUsername = (username: string): boolean => USERNAME_PATTERN.test(username);

/** Length bounds of every password (sign-up, change, reset, `npm run admin`). */
export const MIN_PASSWORD = 8;
export const MAX_PASSWORD = 200;
