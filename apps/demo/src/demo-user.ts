/** The signed-in user, as `GET /api/me` and `POST /api/signin` return it. */
export interface DemoUser {
	id: string;
	email: string;
	name: string;
}
