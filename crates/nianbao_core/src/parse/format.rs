//! Which table layout a report uses, decided from the table labels it prints (format-spec §6),
//! never from the report year or the notice it cites: a 2022 report may still use the 2019
//! tables, and a report citing the 2019 notice may use the 2021 ones.

use crate::report::Format;
use crate::text::keys::KeySet;

/// Column and row labels that only the 2019 trial format prints.
const F2019_CUES: &[&str] = &[
    "本年新制作数量",
    "本年新公开数量",
    "对外公开总数量",
    "对外公开数量",
    "上一年项目数量",
    "采购项目数量",
    "采购总金额",
];

/// Labels that only the 2021 format prints.
const F2021_CUES: &[&str] = &[
    "本年制发件数",
    "本年废止件数",
    "现行有效件数",
    "本年处理决定数量",
    "本年收费金额",
    "逾期不补正",
    "收费通知",
];

/// Headers and rows of pre-2019 statistics tables.
const OLD_CUES: &[&str] = &[
    "指标名称",
    "历年累计",
    "统计指标",
    "计量单位",
    "主动公开信息数",
    "否决公开答复",
    "不同意公开答复数",
    "回应解读情况",
];

/// Labels of table 三/四 common to both national formats.
const NATIONAL_CUES: &[&str] = &[
    "本年新收政府信息公开申请",
    "上年结转政府信息公开申请",
    "结转下年度继续办理",
];

/// How many distinct cues of each family (2019, 2021, old, national) the text prints, in one
/// pass.
fn scores(canon: &[char]) -> [usize; 4] {
    let families = [F2019_CUES, F2021_CUES, OLD_CUES, NATIONAL_CUES];
    let keys = KeySet::new(
        families
            .iter()
            .enumerate()
            .flat_map(|(f, cues)| cues.iter().enumerate().map(move |(i, c)| (*c, f * 100 + i))),
    );
    let mut seen: Vec<usize> = Vec::new();
    keys.for_each(canon, 0, canon.len(), |id, _, _| {
        if !seen.contains(&id) {
            seen.push(id);
        }
    });
    let mut out = [0; 4];
    for id in seen {
        out[id / 100] += 1;
    }
    out
}

pub fn detect(canon: &[char]) -> Format {
    let [f2019, f2021, old, national] = scores(canon);
    if f2019 + f2021 > 0 {
        return if f2021 > f2019 {
            Format::F2021
        } else {
            Format::F2019
        };
    }
    if national > 0 {
        // Table 三 without table 二: the 2021 split of （六） would have been a 2021 cue.
        return Format::F2019;
    }
    if old >= 2 {
        return Format::Old;
    }
    Format::Unknown
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canon(s: &str) -> Vec<char> {
        s.chars()
            .filter(|c| crate::text::chars::is_label_char(*c))
            .collect()
    }

    #[test]
    fn labels_decide_the_format() {
        assert_eq!(
            detect(&canon("信息内容 本年新制作数量 本年新公开数量")),
            Format::F2019
        );
        assert_eq!(
            detect(&canon("信息内容 本年制发件数 本年废止件数 现行有效件数")),
            Format::F2021
        );
        assert_eq!(
            detect(&canon("统计指标 单位 统计数 回应解读情况")),
            Format::Old
        );
        assert_eq!(
            detect(&canon("指标名称 计量单位 2011年度 历年累计")),
            Format::Old
        );
        assert_eq!(
            detect(&canon("一、总体情况 二、主动公开政府信息情况")),
            Format::Unknown
        );
    }
}
