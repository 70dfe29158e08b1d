//! The placeholder report as an xlsx workbook for the planning office: a counts sheet and a
//! list sheet, each with a title row (plan name, date of creation), a frozen header row with
//! an autofilter, numbers stored as numbers, columns sized to their content, and a print setup
//! (A4 landscape, one page wide, header row repeated on every page).

use super::placeholder_report::{ListColumn, Report};
use crate::i18n::{Lang, Msg};
use crate::msg;
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};
use unicode_width::UnicodeWidthStr;

/// A calendar date (the workbook's date of creation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// The UTC date of a Unix time in seconds (days-from-civil, inverted; H. Hinnant).
    pub fn from_unix(seconds: i64) -> Date {
        let z = seconds.div_euclid(86_400) + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// Today in the local time zone.
    pub fn today() -> Date {
        let now = jiff::ZonedDateTime::now().date();
        Date {
            year: i32::from(now.year()),
            month: now.month().unsigned_abs().into(),
            day: now.day().unsigned_abs().into(),
        }
    }

    /// The date of creation: `SOURCE_DATE_EPOCH` (Unix seconds, for reproducible output) when
    /// given, else today.
    pub fn of_creation(source_date_epoch: Option<&str>) -> Result<Date, Msg> {
        match source_date_epoch.map(str::trim).filter(|s| !s.is_empty()) {
            None => Ok(Date::today()),
            Some(s) => match s.parse::<i64>() {
                Ok(secs) if (0..=253_402_300_799).contains(&secs) => Ok(Date::from_unix(secs)),
                _ => Err(msg!(
                    "環境変数 SOURCE_DATE_EPOCH には、1970年1月1日からの秒数を整数で指定してください（指定値: {s}）。",
                    "SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 (it is “{s}”)."
                )),
            },
        }
    }

    pub fn show(self, lang: Lang) -> String {
        let Date { year, month, day } = self;
        msg!("{year}年{month}月{day}日", "{year}-{month:02}-{day:02}")
            .get(lang)
            .to_string()
    }
}

/// Column width in Excel's units for text of display width `w` (CJK = 2), with a margin,
/// capped so that long texts wrap instead of making the page unreadably small.
const MAX_WIDTH: usize = 48;

struct Styles {
    title: Format,
    date: Format,
    header: Format,
    text: Format,
    wrapped: Format,
    number: Format,
    total: Format,
    total_number: Format,
}

/// A new workbook whose document properties carry `title` and `created` as its creation date.
pub fn titled(title: &str, created: &Date) -> Result<Workbook, XlsxError> {
    let mut wb = Workbook::new();
    let when = ExcelDateTime::from_ymd(
        created.year.clamp(1900, 9999) as u16,
        created.month as u8,
        created.day as u8,
    )?;
    wb.set_properties(
        &DocProperties::new()
            .set_title(title)
            .set_creation_datetime(&when),
    );
    Ok(wb)
}

fn styles() -> Styles {
    let header = Format::new()
        .set_bold()
        .set_background_color("#DDEBF7")
        .set_border_bottom(FormatBorder::Thin)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap();
    Styles {
        title: Format::new().set_bold().set_font_size(14),
        date: Format::new().set_align(FormatAlign::Right),
        header,
        text: Format::new().set_align(FormatAlign::Top),
        wrapped: Format::new().set_align(FormatAlign::Top).set_text_wrap(),
        number: Format::new()
            .set_align(FormatAlign::Top)
            .set_num_format("0"),
        total: Format::new().set_bold().set_border_top(FormatBorder::Thin),
        total_number: Format::new()
            .set_bold()
            .set_border_top(FormatBorder::Thin)
            .set_num_format("0"),
    }
}

/// A cell to write: text, a number, or nothing.
enum Value {
    Text(String),
    Number(f64),
    Blank,
}

/// What every sheet prints above its header row.
struct Heading<'a> {
    title: &'a str,
    dated: &'a str,
    lang: Lang,
}

/// Writes one sheet: title row (row 1), header row (row 2), data rows; print setup.
fn sheet(
    ws: &mut Worksheet,
    s: &Styles,
    heading: &Heading,
    header: &[String],
    rows: &[Vec<Value>],
    last_row_is_total: bool,
) -> Result<(), XlsxError> {
    let Heading { title, dated, lang } = *heading;
    let ncols = header.len().max(1);
    let last_col = (ncols - 1) as u16;
    ws.write_string_with_format(0, 0, title, &s.title)?;
    ws.write_string_with_format(0, last_col, dated, &s.date)?;
    ws.set_row_height(0, 24)?;
    let mut widths: Vec<usize> = header
        .iter()
        .map(|h| UnicodeWidthStr::width_cjk(h.as_str()))
        .collect();
    for (c, h) in header.iter().enumerate() {
        ws.write_string_with_format(1, c as u16, h, &s.header)?;
    }
    for (i, row) in rows.iter().enumerate() {
        let r = (i + 2) as u32;
        let total = last_row_is_total && i + 1 == rows.len();
        for (c, v) in row.iter().enumerate() {
            let col = c as u16;
            match v {
                Value::Text(t) => {
                    let w = UnicodeWidthStr::width_cjk(t.as_str());
                    let f = if total {
                        &s.total
                    } else if w > MAX_WIDTH {
                        &s.wrapped
                    } else {
                        &s.text
                    };
                    ws.write_string_with_format(r, col, t, f)?;
                    widths[c] = widths[c].max(w);
                }
                Value::Number(n) => {
                    let f = if total { &s.total_number } else { &s.number };
                    ws.write_number_with_format(r, col, *n, f)?;
                    widths[c] = widths[c].max(n.to_string().len());
                }
                Value::Blank if total => {
                    ws.write_blank(r, col, &s.total)?;
                }
                Value::Blank => {}
            }
        }
    }
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, (*w).min(MAX_WIDTH) as f64 + 2.0)?;
    }
    let last_row = (rows.len() + 1) as u32;
    ws.set_freeze_panes(2, 0)?;
    ws.autofilter(1, 0, last_row, last_col)?;
    ws.set_landscape();
    ws.set_paper_size(9); // A4
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(1, 1)?;
    ws.set_footer(msg!("&C&P / &N ページ", "&CPage &P of &N").get(lang));
    Ok(())
}

impl Report {
    /// The workbook's title: the plan's name and what the sheet lists.
    pub fn title(&self, lang: Lang) -> String {
        let what = msg!("未確定箇所一覧", "placeholders");
        let what = what.get(lang);
        match &self.plan_name {
            Some(name) => format!("{name} {what}"),
            None => what.to_string(),
        }
    }

    /// An xlsx workbook (see the module documentation). Same report and date, same bytes.
    pub fn to_xlsx(&self, lang: Lang, created: Date) -> Result<Vec<u8>, XlsxError> {
        let s = styles();
        let title = self.title(lang);
        let date = created.show(lang);
        let dated = msg!("作成日：{date}", "created {date}")
            .get(lang)
            .to_string();
        let heading = Heading {
            title: &title,
            dated: &dated,
            lang,
        };
        let mut wb = titled(&title, &created)?;
        let (summary_name, list_name) = (msg!("集計", "Summary"), msg!("一覧", "Placeholders"));
        let (summary_name, list_name) = (summary_name.get(lang), list_name.get(lang));

        let summary = self.summary_rows(lang);
        let rows: Vec<Vec<Value>> = summary[1..]
            .iter()
            .map(|r| {
                r.iter()
                    .enumerate()
                    .map(|(c, v)| match v.parse::<f64>() {
                        Ok(n) if c > 0 => Value::Number(n),
                        _ => Value::Text(v.clone()),
                    })
                    .collect()
            })
            .collect();
        let ws = wb.add_worksheet();
        ws.set_name(summary_name)?;
        sheet(ws, &s, &heading, &summary[0], &rows, true)?;

        let header: Vec<String> = ListColumn::ALL.iter().map(|c| c.heading(lang)).collect();
        let rows: Vec<Vec<Value>> = self
            .list_rows(lang)
            .into_iter()
            .map(|r| {
                r.into_iter()
                    .zip(ListColumn::ALL)
                    .map(|(v, c)| match (c.numeric(), v.parse::<f64>()) {
                        (true, Ok(n)) => Value::Number(n),
                        _ if v.is_empty() => Value::Blank,
                        _ => Value::Text(v),
                    })
                    .collect()
            })
            .collect();
        let ws = wb.add_worksheet();
        ws.set_name(list_name)?;
        sheet(ws, &s, &heading, &header, &rows, false)?;
        wb.save_to_buffer()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unix_seconds_to_the_calendar() {
        assert_eq!(
            Date::from_unix(0),
            Date {
                year: 1970,
                month: 1,
                day: 1
            }
        );
        // 2024-02-29 12:00 UTC, a leap day
        assert_eq!(
            Date::from_unix(1_709_208_000),
            Date {
                year: 2024,
                month: 2,
                day: 29
            }
        );
        // 2000-03-01 00:00 UTC, after the 400-year leap day
        assert_eq!(
            Date::from_unix(951_868_800),
            Date {
                year: 2000,
                month: 3,
                day: 1
            }
        );
        assert_eq!(
            Date::from_unix(1_704_067_199),
            Date {
                year: 2023,
                month: 12,
                day: 31
            }
        );
    }

    #[test]
    fn dates_near_the_start_and_end_of_a_400_year_era() {
        // 2000-02-29, the last day of a 400-year era
        assert_eq!(
            Date::from_unix(951_782_400),
            Date {
                year: 2000,
                month: 2,
                day: 29
            }
        );
        // the first days of March, late in an era's century
        assert_eq!(
            Date::from_unix(5_097_600),
            Date {
                year: 1970,
                month: 3,
                day: 1
            }
        );
        assert_eq!(
            Date::from_unix(4_107_542_400),
            Date {
                year: 2100,
                month: 3,
                day: 1
            }
        );
    }

    /// The style index (`s`) of a cell in a sheet's XML, `None` when the cell is not written.
    fn style_of(xml: &str, cell: &str) -> Option<usize> {
        let el = xml.split(&format!("<c r=\"{cell}\"")).nth(1)?;
        let el = &el[..el.find('>').unwrap()];
        let v = el.split(" s=\"").nth(1)?;
        Some(v[..v.find('"').unwrap()].parse().unwrap())
    }

    #[test]
    fn long_texts_wrap_and_only_the_total_row_is_bold_with_its_blanks_drawn() {
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet();
        let heading = Heading {
            title: "t",
            dated: "d",
            lang: Lang::En,
        };
        let header: Vec<String> = ["a", "b", "c", "d"].map(String::from).to_vec();
        let rows = vec![
            vec![
                Value::Text("short".into()),
                Value::Text("x".repeat(MAX_WIDTH)),
                Value::Text("x".repeat(MAX_WIDTH + 1)),
                Value::Blank,
            ],
            vec![
                Value::Text("total".into()),
                Value::Number(3.0),
                Value::Blank,
                Value::Blank,
            ],
        ];
        sheet(ws, &styles(), &heading, &header, &rows, true).unwrap();
        let bytes = wb.save_to_buffer().unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut read = |name: &str| {
            let mut s = String::new();
            std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut s).unwrap();
            s
        };
        let xml = read("xl/worksheets/sheet1.xml");
        let styles = read("xl/styles.xml");
        let xfs: Vec<&str> = styles
            .split("<cellXfs")
            .nth(1)
            .unwrap()
            .split("<xf ")
            .skip(1)
            .collect();
        let wraps = |cell: &str| xfs[style_of(&xml, cell).unwrap()].contains("wrapText=\"1\"");
        let text = style_of(&xml, "A3");
        // a text exactly MAX_WIDTH wide is plain; one wider wraps
        assert_eq!(style_of(&xml, "B3"), text, "{xml}");
        assert!(!wraps("A3") && !wraps("B3"));
        assert!(wraps("C3"), "{xml}");
        // an ordinary row's blank cell is not written at all
        assert_eq!(style_of(&xml, "D3"), None, "{xml}");
        assert!(!xml.contains("<c r=\"D3\""), "{xml}");
        // the total row has its own style, blanks included (its top border runs across)
        let total = style_of(&xml, "A4");
        assert!(total.is_some() && total != text, "{xml}");
        assert_eq!(style_of(&xml, "C4"), total, "{xml}");
        assert_eq!(style_of(&xml, "D4"), total, "{xml}");
    }

    #[test]
    fn source_date_epoch_must_be_seconds() {
        assert_eq!(
            Date::of_creation(Some("86400")),
            Ok(Date {
                year: 1970,
                month: 1,
                day: 2
            })
        );
        let e = Date::of_creation(Some("yesterday")).unwrap_err();
        assert!(e.ja.contains("SOURCE_DATE_EPOCH") && e.ja.ends_with("。"));
        assert!(Date::of_creation(Some("-5")).is_err());
    }

    #[test]
    fn list_cells_keep_text_as_text_and_leave_empty_values_unwritten() {
        use crate::output::placeholder_report::Row;
        let row = |project: Option<i64>, subject: &str| Row {
            kind: "tbd",
            file: "plan/a.toml".into(),
            line: 12,
            column: 5,
            project,
            section: "総括".into(),
            path: Default::default(),
            subject: subject.into(),
            text: "調整中".into(),
            cell: None,
        };
        let report = Report {
            // a subject that looks like a number: "007" must stay text, not become 7
            rows: vec![row(Some(1), "007"), row(None, "指標")],
            kinds: vec![crate::analysis::placeholders::Kind::Tbd],
            projects: [(1, "子育て応援プロジェクト".to_string())].into(),
            plan_name: None,
        };
        let date = Date {
            year: 2024,
            month: 4,
            day: 1,
        };
        let bytes = report.to_xlsx(Lang::Ja, date).unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut xml = String::new();
        std::io::Read::read_to_string(
            &mut zip.by_name("xl/worksheets/sheet2.xml").unwrap(),
            &mut xml,
        )
        .unwrap();
        let cell = |r: &str| -> Option<String> {
            let el = xml.split(&format!("<c r=\"{r}\"")).nth(1)?;
            Some(el[..el.find("</c>").or_else(|| el.find("/>")).unwrap()].to_string())
        };
        // row 3: project 1 as a number, the subject as a (shared) string
        assert!(cell("B3").unwrap().contains("<v>1</v>"), "{xml}");
        assert!(!cell("B3").unwrap().contains("t=\"s\""), "{xml}");
        assert!(cell("E3").unwrap().contains("t=\"s\""), "{xml}");
        // row 4: no project, no cell: nothing written there
        assert_eq!(cell("B4"), None, "{xml}");
        assert_eq!(cell("C4"), None, "{xml}");
        assert_eq!(cell("G4"), None, "{xml}");
        assert!(cell("E4").unwrap().contains("t=\"s\""), "{xml}");
    }
}
