// "What made AlexNet work": one card per ingredient, with the paper's measured effect and a link to see it live.
import {ALEXNET_INGREDIENTS, SOURCES} from "./history-data.js";
import {el} from "../ui/dom.js";

export function ingredientCards(): HTMLElement {
  return el(
    "div",
    {class: "ingredients"},
    ...ALEXNET_INGREDIENTS.map((item) =>
      el(
        "article",
        {class: "ingredient", id: `ingredient-${item.id}`},
        el("h3", {}, item.name),
        el("p", {}, item.what),
        el("p", {class: "ingredient-effect"}, el("strong", {}, "Measured: "), item.effect, " ", el("a", {href: SOURCES[item.source].url, class: "cite"}, "[paper]")),
        el("p", {class: "ingredient-link"}, el("a", {href: item.seeIt.href}, `See it: ${item.seeIt.label} →`))
      )
    )
  );
}
