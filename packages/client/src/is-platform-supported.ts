import { isBrowserSupported } from "./is-browser-supported.ts";

/**
 * Whether a user-verifying platform authenticator (Touch ID, Windows Hello, Android screen lock …) is available.
 * Use it to word the UI ("Use your fingerprint"), never to hide passkey sign-in: security keys and phones (hybrid)
 * work without one.
 * @returns `false` when WebAuthn is missing or the browser says no
 * @example
 * button.textContent = (await isPlatformSupported()) ? "Sign in with Touch ID / Windows Hello" : "Sign in with a passkey";
 */
export async function isPlatformSupported(): Promise<boolean> {
	return isBrowserSupported() && PublicKeyCredential.isUserVerifyingPlatformAuthenticatorAvailable();
}
