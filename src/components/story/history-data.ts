// Numbers behind the story at /. Every figure carries the source it came from, and the page links each source.

export interface Source {
  label: string;
  url: string;
}

export const SOURCES = {
  alexnetPaper: {
    label: "Krizhevsky, Sutskever & Hinton, ImageNet Classification with Deep Convolutional Neural Networks (NIPS 2012)",
    url: "https://papers.nips.cc/paper_files/paper/2012/file/c399862d3b9d6b76c8436e924a68c45b-Paper.pdf"
  },
  alexnetCacm: {
    label: "the same paper, reprinted in Communications of the ACM 60(6), 2017",
    url: "https://doi.org/10.1145/3065386"
  },
  imagenetPaper: {
    label: "Deng, Dong, Socher, Li, Li & Fei-Fei, ImageNet: A Large-Scale Hierarchical Image Database (CVPR 2009)",
    url: "https://doi.org/10.1109/CVPR.2009.5206848"
  },
  imagenetSite: {label: "image-net.org (dataset statistics)", url: "https://www.image-net.org/"},
  ilsvrcPaper: {
    label: "Russakovsky et al., ImageNet Large Scale Visual Recognition Challenge (IJCV 2015)",
    url: "https://arxiv.org/abs/1409.0575"
  },
  prelu: {label: "He, Zhang, Ren & Sun, Delving Deep into Rectifiers (2015)", url: "https://arxiv.org/abs/1502.01852"},
  resnet: {label: "He, Zhang, Ren & Sun, Deep Residual Learning for Image Recognition (2015)", url: "https://arxiv.org/abs/1512.03385"},
  senet: {label: "Hu, Shen & Sun, Squeeze-and-Excitation Networks (2017)", url: "https://arxiv.org/abs/1709.01507"},
  effMetrics: {label: "EFF, AI Progress Measurement (ImageNet results by year)", url: "https://www.eff.org/ai/metrics"},
  wordnet: {label: "WordNet, Princeton University", url: "https://wordnet.princeton.edu/"},
  wordnetMiller: {label: "Miller, WordNet: A Lexical Database for English (CACM 1995)", url: "https://doi.org/10.1145/219717.219748"},
  caltech101: {label: "Caltech 101 (Caltech Vision Lab; 9,146 images per its Wikipedia article)", url: "https://en.wikipedia.org/wiki/Caltech_101"},
  voc2012: {label: "PASCAL VOC 2012 challenge page", url: "http://host.robots.ox.ac.uk/pascal/VOC/voc2012/"},
  espGame: {label: "ESP game (Wikipedia, citing the ImageNet paper for the 60,000 public images)", url: "https://en.wikipedia.org/wiki/ESP_game"},
  pinecone: {label: "Briggs, AlexNet and ImageNet: The Birth of Deep Learning (Pinecone)", url: "https://www.pinecone.io/learn/series/image-search/imagenet/"},
  pytorchHub: {label: "PyTorch Hub, AlexNet", url: "https://pytorch.org/hub/pytorch_vision_alexnet/"}
} as const satisfies Record<string, Source>;

export type SourceId = keyof typeof SOURCES;

export interface IlsvrcWinner {
  year: number;
  team: string;
  model: string;
  /** Winning top-5 classification error on the test set, in percent. */
  top5: number;
  source: SourceId;
}

/** ILSVRC classification winners, 2010–2017 (facts.md E1). */
export const ILSVRC_WINNERS: readonly IlsvrcWinner[] = [
  {year: 2010, team: "NEC-UIUC", model: "hand-crafted features + linear SVMs", top5: 28.2, source: "ilsvrcPaper"},
  {year: 2011, team: "XRCE", model: "Fisher vectors + linear classifiers", top5: 25.8, source: "ilsvrcPaper"},
  {year: 2012, team: "SuperVision", model: "AlexNet (CNN ensemble)", top5: 15.3, source: "alexnetPaper"},
  {year: 2013, team: "Clarifai", model: "ZFNet-style CNN ensemble", top5: 11.7, source: "effMetrics"},
  {year: 2014, team: "GoogLeNet", model: "Inception v1", top5: 6.66, source: "prelu"},
  {year: 2015, team: "MSRA", model: "ResNet (152 layers, ensemble)", top5: 3.57, source: "resnet"},
  {year: 2016, team: "Trimps-Soushen", model: "ensemble of Inception and ResNet models", top5: 2.99, source: "effMetrics"},
  {year: 2017, team: "WMW", model: "SENet", top5: 2.25, source: "senet"}
];

/** The second-best 2012 entry (ISI), 26.2 % top-5: the gap AlexNet opened. */
export const RUNNER_UP_2012 = {year: 2012, team: "ISI", model: "hand-crafted features (runner-up)", top5: 26.2, source: "alexnetPaper" as SourceId};

/** Human top-5 error measured by Karpathy, reported by Russakovsky et al. (facts.md E2). */
export const HUMAN_TOP5 = {top5: 5.1, source: "ilsvrcPaper" as SourceId};

export interface DatasetSize {
  name: string;
  /** Label for narrow screens. */
  shortName: string;
  year: number;
  images: number;
  /** Number of categories, or null where the dataset has free tags instead of classes. */
  classes: number | null;
  note: string;
  source: SourceId;
}

/** Image datasets of the time, smallest first (facts.md E4 plus the cited dataset pages). */
export const DATASETS: readonly DatasetSize[] = [
  {name: "Caltech-101", shortName: "Caltech-101", year: 2004, images: 9_146, classes: 101, note: "objects centred, roughly 300×200 px", source: "caltech101"},
  {name: "PASCAL VOC 2012", shortName: "PASCAL VOC 2012", year: 2012, images: 11_530, classes: 20, note: "train + validation images", source: "voc2012"},
  {name: "ESP game (public part)", shortName: "ESP game (public)", year: 2008, images: 60_000, classes: null, note: "free-text tags from an online game; most of its data was never released", source: "espGame"},
  {name: "ILSVRC 2012 (ImageNet-1k)", shortName: "ILSVRC 2012", year: 2012, images: 1_281_167, classes: 1_000, note: "training images of the challenge AlexNet won", source: "ilsvrcPaper"},
  {name: "ImageNet (CVPR 2009)", shortName: "ImageNet 2009", year: 2009, images: 3_200_000, classes: 5_247, note: "12 subtrees, labels checked on Mechanical Turk", source: "imagenetPaper"},
  {name: "ImageNet (full, 2011)", shortName: "ImageNet full", year: 2011, images: 14_197_122, classes: 21_841, note: "the release often called ImageNet-21k", source: "imagenetSite"}
];

export interface AlexNetIngredient {
  id: string;
  name: string;
  what: string;
  /** The paper's measured effect, in its own terms. */
  effect: string;
  seeIt: {href: string; label: string};
  source: SourceId;
}

/** What made AlexNet work, each with the paper's measured effect (facts.md E3). */
export const ALEXNET_INGREDIENTS: readonly AlexNetIngredient[] = [
  {
    id: "relu",
    name: "ReLU activations",
    what: "max(0, x) instead of tanh: the unit never saturates for positive inputs, so gradients stay large.",
    effect: "A four-layer CNN reached 25 % training error on CIFAR-10 about six times faster than the same net with tanh.",
    seeIt: {href: "./cnn#relu", label: "ReLU on a real image"},
    source: "alexnetPaper"
  },
  {
    id: "gpus",
    name: "Two GTX 580 GPUs (3 GB each)",
    what: "The net did not fit in one card's memory, so each layer's kernels were split across two GPUs that talk only at some layers. Training took five to six days.",
    effect: "Top-1 / top-5 error 1.7 / 1.2 points lower than a half-size net on one GPU.",
    seeIt: {href: "./alexnet", label: "the layers, live"},
    source: "alexnetPaper"
  },
  {
    id: "lrn",
    name: "Local response normalisation",
    what: "Each activation is divided by the energy of its neighbouring channels at the same pixel (k = 2, n = 5, α = 10⁻⁴, β = 0.75).",
    effect: "Top-1 / top-5 error down 1.4 / 1.2 points; on CIFAR-10 a four-layer net went from 13 % to 11 % test error.",
    seeIt: {href: "./cnn#lrn", label: "LRN across channels"},
    source: "alexnetPaper"
  },
  {
    id: "pooling",
    name: "Overlapping max pooling",
    what: "3×3 windows every 2 pixels, so neighbouring windows share a row or column, instead of disjoint 2×2 windows.",
    effect: "Top-1 / top-5 error 0.4 / 0.3 points lower than 2×2 pooling with stride 2, and slightly less overfitting.",
    seeIt: {href: "./cnn#pooling", label: "2×2/2 against 3×3/2"},
    source: "alexnetPaper"
  },
  {
    id: "dropout",
    name: "Dropout",
    what: "During training each unit of the first two fully connected layers is switched off with probability 0.5; at test time all units are kept and outputs are halved.",
    effect: "Without it the net overfitted badly; with it training took about twice as many iterations to converge.",
    seeIt: {href: "./alexnet", label: "the classifier layers"},
    source: "alexnetPaper"
  },
  {
    id: "augmentation",
    name: "Data augmentation",
    what: "Random 224×224 crops of the 256×256 images, their mirror images, and PCA-based colour jitter; at test time ten crops are averaged.",
    effect: "The colour jitter alone cut top-1 error by more than 1 point.",
    seeIt: {href: "./alexnet", label: "the 224×224 crop the model sees"},
    source: "alexnetPaper"
  }
];
