import type { CognitoContext, OperationInput } from "./cognito-context.ts";
import { initiateAuth } from "./initiate-auth.ts";
import {
	completeWebAuthnRegistration,
	deleteWebAuthnCredential,
	listWebAuthnCredentials,
	startWebAuthnRegistration,
} from "./passkey-operations.ts";
import { respondToAuthChallenge } from "./respond-to-auth-challenge.ts";
import { getUser, globalSignOut, revokeToken } from "./user-operations.ts";

/** One operation of the AWS JSON 1.1 endpoint. */
export type CognitoOperation = (body: OperationInput, context: CognitoContext) => Promise<object>;

/** The Cognito operations this server answers, by the name after `AWSCognitoIdentityProviderService.` in X-Amz-Target. */
export const COGNITO_OPERATIONS: Readonly<Record<string, CognitoOperation>> = {
	InitiateAuth: initiateAuth,
	RespondToAuthChallenge: respondToAuthChallenge,
	GetUser: getUser,
	GlobalSignOut: globalSignOut,
	RevokeToken: revokeToken,
	StartWebAuthnRegistration: startWebAuthnRegistration,
	CompleteWebAuthnRegistration: completeWebAuthnRegistration,
	ListWebAuthnCredentials: listWebAuthnCredentials,
	DeleteWebAuthnCredential: deleteWebAuthnCredential,
};
