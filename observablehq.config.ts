// Observable Framework configuration: https://observablehq.com/framework/config
export default {
  title: "AlexNet Explorable",
  root: "src",
  // SITE_OUT lets parallel builds (and the benchmark) write somewhere other than dist/.
  output: process.env.SITE_OUT ?? "dist",
  pages: [
    {name: "The story", path: "/"},
    {name: "ImageNet is WordNet with pictures", path: "/wordnet"},
    {name: "How a CNN sees", path: "/cnn"},
    {name: "Live AlexNet", path: "/alexnet"},
    {name: "The goldfish experiment", path: "/goldfish"},
    {name: "Performance", path: "/performance"}
  ],
  pager: true,
  toc: true,
  search: false,
  // The default theme pulls fonts from Google; the site must make no third-party requests.
  globalStylesheets: [],
  theme: ["air", "near-midnight", "alt", "wide"],
  head: `<link rel="icon" href="data:,">`,
  footer: "AlexNet Explorable · weights from torchvision, classes from WordNet 3.0 (Princeton), images from Tiny ImageNet (Stanford CS231N).",
  style: "style.css"
};
