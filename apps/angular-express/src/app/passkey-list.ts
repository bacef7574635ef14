import { DatePipe } from "@angular/common";
import { Component, input, output } from "@angular/core";
import type { PasskeySummary } from "./backend-api.ts";

/**
 * The signed-in user's passkeys: nickname, created, last used, and a Delete button each.
 * @example
 * <app-passkey-list [passkeys]="passkeys()" [busy]="busy()" (remove)="deletePasskey($event)" />
 */
@Component({
	selector: "app-passkey-list",
	imports: [DatePipe],
	template: `
		<h3 id="passkeys-heading">Your passkeys</h3>
		@if (passkeys().length === 0) {
			<p id="no-passkeys">This account has no passkey. Add one, or you will not be able to sign in again.</p>
		} @else {
			<ul id="passkeys" class="passkeys" aria-labelledby="passkeys-heading">
				@for (passkey of passkeys(); track passkey.id) {
					<li class="passkey" [attr.data-passkey-id]="passkey.id">
						<div>
							<p class="passkey-name">{{ passkey.nickname }}</p>
							<p class="passkey-dates">
								Created {{ passkey.createdAt | date: "medium" }} · Last used
								{{ passkey.lastUsedAt ? (passkey.lastUsedAt | date: "medium") : "never" }}
							</p>
						</div>
						<button type="button" class="danger" [disabled]="busy()" [attr.aria-label]="'Delete passkey ' + passkey.nickname" (click)="remove.emit(passkey)">
							Delete
						</button>
					</li>
				}
			</ul>
		}
	`,
})
export class PasskeyList {
	readonly passkeys = input.required<PasskeySummary[]>();
	readonly busy = input(false);
	readonly remove = output<PasskeySummary>();
}
