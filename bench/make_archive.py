"""Generate a realistic newspaper archive, deterministically.

    python bench/make_archive.py --articles 20000 --out /tmp/archive

Three papers (two in simplified, one in traditional Chinese), daily editions going back
from 2026-10-31, 4–8 pages an edition, sections per page, 3–6 articles a page. Article text
is real: titles and paragraphs drawn from the shared corpus (資料來源：中華民國總統府) and the
seed page, converted to simplified for the mainland papers. Lengths follow a log-normal
around 1,000 characters. The archive is written through zhpaper's own JSON Lines importer,
so it is exactly what a user's bulk import produces. The same arguments always give the
same archive.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import random
import sys
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from textsource import TextPool, load_pool  # noqa: E402

PAPERS: tuple[tuple[str, str, bool, tuple[str, ...]], ...] = (
    # (name, id prefix, simplified?, page names)
    ("青城日报", "qcrb", True, ("要闻", "要闻", "党建", "经济", "社会", "文化", "体育", "副刊")),
    ("北疆晚报", "bjwb", True, ("要闻", "城事", "民生", "文体", "周末")),
    ("寶島時報", "bdsb", False, ("要聞", "政治", "財經", "社會")),
)
SECTIONS: dict[str, tuple[str, ...]] = {
    "要闻": ("头条", "时政要闻", "综合新闻"),
    "党建": ("党旗领航", "基层实践", "深入学习贯彻党的二十大精神", "铸牢中华民族共同体意识"),
    "经济": ("产业观察", "乡村振兴", "财经速递"),
    "社会": ("民生关注", "法治在线", "社区新闻"),
    "文化": ("文化视点", "非遗传承", "读书"),
    "体育": ("赛场", "全民健身"),
    "副刊": ("青城笔会", "散文", "诗歌"),
    "城事": ("城市管理", "交通", "天气"),
    "民生": ("百姓热线", "教育", "医疗"),
    "文体": ("文艺", "体育新闻"),
    "周末": ("人物", "旅行", "美食"),
    "要聞": ("焦點", "綜合報導"),
    "政治": ("府院動態", "國會"),
    "財經": ("產業", "金融"),
    "社會": ("地方", "生活"),
}
KICKERS = ("武川县", "新城区", "回民区", "赛罕区", "玉泉区", "土左旗", "托县", "和林县", "清水河县")
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤云"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国文志海亮宇婷晓燕沙萍富轩静飞鹏辉"
ROLES = ("记者", "记者", "记者", "通讯员", "通讯员", "实习生")


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))


def _body(rng: random.Random, pool: TextPool, target: int) -> list[str]:
    paragraphs: list[str] = []
    total = 0
    while total < target:
        paragraph = rng.choice(pool.paragraphs)
        if total + len(paragraph) > target * 1.3 and paragraphs:
            # Finish with a few sentences rather than a whole long paragraph.
            paragraph = "".join(rng.choice(pool.sentences) for _ in range(rng.randint(1, 3)))
        paragraphs.append(paragraph)
        total += len(paragraph)
    return paragraphs


def records(articles: int, seed: int = 20261126) -> Iterator[dict]:
    """The archive as JSON Lines records, newest edition last (reading order)."""
    rng = random.Random(seed)
    pool_tw = load_pool()
    import opencc  # the mainland papers print simplified characters

    to_simplified = opencc.OpenCC("t2s")
    pool_cn = TextPool(
        tuple(to_simplified.convert(t) for t in pool_tw.titles),
        tuple(to_simplified.convert(p) for p in pool_tw.paragraphs),
        tuple(to_simplified.convert(s) for s in pool_tw.sentences),
    )
    per_day = sum(len(pages) for *_, pages in PAPERS) * 4.5
    days = max(1, math.ceil(articles / per_day))
    last = dt.date(2026, 10, 31)
    first = last - dt.timedelta(days=days - 1)
    produced = 0
    day = first
    while produced < articles:
        for paper, prefix, simplified, page_names in PAPERS:
            pool = pool_cn if simplified else pool_tw
            for number, page_name in enumerate(page_names, start=1):
                sections = SECTIONS[page_name]
                for ordinal in range(rng.randint(3, 6)):
                    if produced >= articles:
                        return
                    produced += 1
                    yield _article(
                        rng, pool, paper, prefix, day, number, page_name, sections, ordinal
                    )
        day += dt.timedelta(days=1)


def _article(
    rng: random.Random,
    pool: TextPool,
    paper: str,
    prefix: str,
    day: dt.date,
    number: int,
    page_name: str,
    sections: tuple[str, ...],
    ordinal: int,
) -> dict:
    roll = rng.random()
    kind = (
        "photo"
        if roll < 0.05
        else "brief"
        if roll < 0.10
        else "editorial"
        if roll < 0.12
        else "article"
    )
    record: dict = {
        "id": f"{prefix}-{day:%Y%m%d}-{number:02d}-{ordinal:02d}",
        "paper": paper,
        "date": day.isoformat(),
        "page": {"number": number, "name": page_name},
        "section": sections[min(ordinal // 2, len(sections) - 1)],
        "kind": kind,
        "title": rng.choice(pool.titles),
    }
    if kind == "photo":
        record["paragraphs"] = [rng.choice(pool.sentences)]
        record["byline"] = [{"role": "摄影", "name": _name(rng)}]
        return record
    target = 200 if kind == "brief" else int(min(6000, max(150, rng.lognormvariate(6.9, 0.5))))
    record["paragraphs"] = _body(rng, pool, target)
    if rng.random() < 0.3:
        record["kicker"] = rng.choice(KICKERS)
    if rng.random() < 0.1:
        record["subtitle"] = rng.choice(pool.titles)
    if kind != "editorial":
        record["dateline"] = "本报讯"
        record["byline"] = [
            {"role": rng.choice(ROLES), "name": _name(rng)} for _ in range(rng.randint(1, 3))
        ]
    return record


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, required=True, help="how many articles")
    parser.add_argument("--out", type=Path, required=True, help="content directory to write")
    parser.add_argument("--seed", type=int, default=20261126, help="random seed")
    parser.add_argument(
        "--jsonl", action="store_true", help="print JSON Lines instead of writing YAML"
    )
    args = parser.parse_args()
    if args.jsonl:
        import json

        for record in records(args.articles, args.seed):
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        return 0
    from reader.importer.jsonl import import_records

    started = time.perf_counter()

    def progress(lines: int, _total: int | None, _articles: int) -> None:
        print(f"\r{lines:,} / {args.articles:,} articles", end="", file=sys.stderr, flush=True)

    report = import_records(records(args.articles, args.seed), args.out, progress=progress)
    print(file=sys.stderr)
    elapsed = time.perf_counter() - started
    print(
        f"wrote {report.articles} articles in {report.pages} page files to {args.out}"
        f" in {elapsed:.1f} s ({report.articles / elapsed:,.0f} articles/s)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
