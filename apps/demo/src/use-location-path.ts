import { useCallback, useEffect, useState } from "react";

/** The current path and a way to change it (History API; the server answers every page path with the app). */
export interface LocationPath {
	path: string;
	navigate(path: string, options?: { replace?: boolean }): void;
}

/**
 * A minimal router: the path of `location`, kept in sync with back/forward.
 * @example
 * const { path, navigate } = useLocationPath();
 * if (path === "/login") navigate("/dashboard", { replace: true });
 */
export function useLocationPath(): LocationPath {
	const [path, setPath] = useState(() => location.pathname);
	useEffect(() => {
		const onPop = (): void => setPath(location.pathname);
		window.addEventListener("popstate", onPop);
		return () => window.removeEventListener("popstate", onPop);
	}, []);
	const navigate = useCallback((next: string, options: { replace?: boolean } = {}) => {
		if (next === location.pathname) return;
		if (options.replace) history.replaceState(null, "", next);
		else history.pushState(null, "", next);
		setPath(next);
		window.scrollTo(0, 0);
	}, []);
	return { path, navigate };
}
