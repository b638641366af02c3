/* The coding screen (templates/programme/admin/coding.html), made quicker
   with a script; everything it does can also be done without it.

   - Each statement's ticks are saved as soon as they change: the statement
     is posted to the form's data-save-url (programme.learning.views_coding
     .coding_save, which calls set_codes) exactly as the whole-page form
     would post it. One request per statement at a time: a change made while
     one is on its way is sent when it is back, so the last ticks win.
   - Its state ("Saving…", "Saved", "Not saved: why", with Try again) is shown
     beside the statement and announced once in the toolbar's status region.
   - Leaving the page while a save is on its way or has failed asks first.
   - Keys, only while a statement or one of its themes has the focus (so
     they never get in the way of typing, WCAG 2.1.4): J and K next and
     previous statement, N next statement not coded yet, M "More themes".
     Enter on a checkbox does not send the whole page. */
(() => {
    "use strict";

    const form = document.getElementById("coding-form");
    const list = form && form.querySelector(".coding-list");
    if (!list || !window.fetch || !window.FormData) return;

    const saveUrl = form.dataset.saveUrl;
    const csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
    const live = form.querySelector("[data-coding-live]");
    const focusInput = form.querySelector("[data-coding-focus]");
    const states = new Map(); // statement id -> {busy, again, failed}
    let submitting = false;

    form.querySelectorAll("[data-coding-with-script]").forEach((element) => { element.hidden = false; });
    form.querySelectorAll("[data-coding-without-script]").forEach((element) => { element.hidden = true; });

    const rows = () => Array.from(list.querySelectorAll("fieldset[data-statement]"));
    const rowOf = (element) => element.closest("fieldset[data-statement]");
    const label = (row) => row.querySelector("legend").textContent.replace(/^Themes for /, "");
    const stateOf = (row) => {
        const id = row.dataset.statement;
        if (!states.has(id)) states.set(id, { busy: false, again: false, failed: false });
        return states.get(id);
    };

    class Refusal extends Error {}

    function announce(text, problem) {
        live.textContent = text;
        live.classList.toggle("is-problem", Boolean(problem));
    }

    function showStatus(row, text, problem) {
        const status = row.querySelector("[data-coding-status]");
        status.hidden = false;
        status.textContent = text;
        status.classList.toggle("is-problem", Boolean(problem));
        if (problem) {
            const again = document.createElement("button");
            again.type = "button";
            again.className = "button button-small button-secondary";
            again.textContent = "Try again";
            again.addEventListener("click", () => save(row));
            status.append(again);
        }
    }

    function posted(row) {
        const data = new FormData();
        const id = row.dataset.statement;
        data.append("csrfmiddlewaretoken", csrf);
        data.append("statement", id);
        row.querySelectorAll(`input[type=checkbox][name="codes-${id}"]:checked`).forEach((box) => {
            data.append(box.name, box.value);
        });
        return data;
    }

    function apply(answer) {
        const coded = new Set(answer.coded.map(String));
        answer.saved.map(String).forEach((id) => {
            const row = list.querySelector(`fieldset[data-statement="${id}"]`);
            if (!row) return;
            row.classList.toggle("is-coded", coded.has(id));
            row.querySelector("[data-coding-state]").textContent = coded.has(id) ? "coded" : "not coded yet";
        });
        document.querySelectorAll("[data-coding-progress-text]").forEach((text) => {
            text.textContent = answer.progress.text;
        });
        document.querySelectorAll("[data-coding-progress]").forEach((bar) => {
            bar.max = answer.progress.total;
            bar.value = answer.progress.coded;
        });
    }

    async function save(row) {
        const state = stateOf(row);
        if (state.busy) {
            state.again = true;
            return;
        }
        state.busy = true;
        state.again = false;
        showStatus(row, "Saving…");
        try {
            let response;
            try {
                response = await fetch(saveUrl, {
                    method: "POST", body: posted(row), credentials: "same-origin", redirect: "manual",
                    headers: { Accept: "application/json", "X-Requested-With": "XMLHttpRequest" },
                });
            } catch (error) {
                throw new Refusal("the server could not be reached. Check the connection, then try again.");
            }
            if (response.type === "opaqueredirect" || response.status === 0) {
                throw new Refusal("you have been signed out. Sign in again in another tab, then try again.");
            }
            let answer = null;
            try {
                answer = await response.json();
            } catch (error) {
                answer = null;
            }
            if (!response.ok || !answer || answer.error) {
                throw new Refusal((answer && answer.error) || `the server answered ${response.status}. Try again, or press Save codes.`);
            }
            state.failed = false;
            apply(answer);
            if (!state.again) {
                showStatus(row, "Saved");
                announce(`Saved: ${label(row)}`);
            }
        } catch (problem) {
            state.failed = true;
            const reason = problem instanceof Refusal ? problem.message : "something went wrong. Try again, or press Save codes.";
            showStatus(row, `Not saved: ${reason}`, true);
            announce(`Not saved: ${label(row)}: ${reason}`, true);
        } finally {
            state.busy = false;
            if (state.again) save(row);
        }
    }

    function unsettled() {
        return Array.from(states.values()).some((state) => state.busy || state.failed);
    }

    function whenSaved() {
        // Wait (a few seconds at most) for the saves on their way.
        return new Promise((resolve) => {
            const started = Date.now();
            const check = () => {
                if (!Array.from(states.values()).some((state) => state.busy) || Date.now() - started > 5000) resolve();
                else setTimeout(check, 50);
            };
            check();
        });
    }

    function goTo(row) {
        row.focus({ preventScroll: true });
        row.scrollIntoView({ block: "center" });
    }

    function move(row, step) {
        const all = rows();
        const next = all[all.indexOf(row) + step];
        if (next) goTo(next);
        else announce(step > 0 ? "That was the last statement on this page." : "That was the first statement on this page.");
    }

    async function nextUncoded(from) {
        const all = rows();
        const start = from ? all.indexOf(from) + 1 : 0;
        const found = all.slice(start).find((row) => !row.classList.contains("is-coded"));
        if (found) {
            goTo(found);
            return;
        }
        // None left below on this page: ask the server, from the end of this page.
        const url = new URL(form.dataset.nextUncodedUrl, window.location.href);
        url.searchParams.set("after", all[all.length - 1].dataset.statement);
        await whenSaved();
        window.location.assign(url.toString());
    }

    function openNewTheme() {
        const panel = document.getElementById("new-theme");
        panel.open = true;
        panel.scrollIntoView({ block: "start" });
        panel.querySelector("input[type=text]").focus();
    }

    let current = null;
    list.addEventListener("focusin", (event) => {
        const row = rowOf(event.target);
        if (!row || row === current) return;
        if (current) current.classList.remove("is-current");
        current = row;
        current.classList.add("is-current");
        focusInput.value = row.dataset.statement;
    });

    form.addEventListener("change", (event) => {
        const box = event.target;
        if (box.type !== "checkbox") return;
        const row = rowOf(box);
        if (row) save(row);
    });

    list.addEventListener("keydown", (event) => {
        if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
        const row = rowOf(event.target);
        if (!row) return;
        if (event.key === "Enter" && event.target.type === "checkbox") {
            event.preventDefault(); // Space ticks; Enter would send the whole page
            return;
        }
        const key = event.key.toLowerCase();
        const actions = {
            j: () => move(row, 1),
            k: () => move(row, -1),
            n: () => nextUncoded(row),
            m: () => {
                const more = row.querySelector("details.coding-more");
                if (!more) return;
                more.open = !more.open;
                if (more.open) (more.querySelector("input[type=checkbox]") || more.querySelector("summary")).focus();
                else more.querySelector("summary").focus();
            },
        };
        if (actions[key]) {
            event.preventDefault();
            actions[key]();
        }
    });

    form.querySelectorAll("[data-coding-next-uncoded]").forEach((link) => {
        link.addEventListener("click", (event) => {
            event.preventDefault();
            nextUncoded(current);
        });
    });

    document.querySelectorAll("[data-coding-add-theme]").forEach((link) => {
        link.addEventListener("click", (event) => {
            event.preventDefault();
            openNewTheme();
        });
    });

    form.addEventListener("submit", () => { submitting = true; });

    window.addEventListener("beforeunload", (event) => {
        if (submitting || !unsettled()) return;
        event.preventDefault();
        event.returnValue = "";
    });

    // Back from "next not coded yet", or from adding a theme: the statement in the address has the focus.
    const target = window.location.hash.match(/^#statement-(\d+)$/);
    const row = target && list.querySelector(`fieldset[data-statement="${target[1]}"]`);
    if (row) goTo(row);
})();
