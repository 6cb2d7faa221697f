//! Parser: logical statements of tokens in, [`Statement`]s out.

use super::expr::{expr_text, source_text, ExprParser};
use super::lexer::{join_lines, tokenize, Tok, Token};
use super::{
    ConstraintOp, ModValue, Modifier, Pos, RelOp, Relation, Statement, SyntaxError,
    SyntaxErrorKind, Term,
};

/// Parses lavaan model syntax into statements.
///
/// ```
/// let st = semlab::syntax::parse("visual =~ x1 + 0.5*x2\n x1 ~~ x2").unwrap();
/// assert_eq!(st.len(), 3);
/// ```
pub fn parse(text: &str) -> Result<Vec<Statement>, SyntaxError> {
    let tokens = tokenize(text)?;
    let mut out = Vec::new();
    for stmt in join_lines(tokens) {
        check_parentheses(&stmt)?;
        parse_statement(&stmt, &mut out)?;
    }
    Ok(out)
}

fn end_pos(toks: &[Token]) -> Pos {
    toks.last()
        .map(|t| Pos {
            line: t.pos.line,
            col: t.pos.col + t.tok.text().chars().count(),
        })
        .unwrap_or_default()
}

fn check_parentheses(toks: &[Token]) -> Result<(), SyntaxError> {
    let mut open: Vec<Pos> = Vec::new();
    for t in toks {
        match t.tok {
            Tok::Sym('(') => open.push(t.pos),
            Tok::Sym(')') if open.pop().is_none() => {
                return Err(SyntaxError {
                    pos: t.pos,
                    kind: SyntaxErrorKind::UnbalancedParenthesis { open: false },
                });
            }
            _ => {}
        }
    }
    match open.first() {
        Some(p) => Err(SyntaxError {
            pos: *p,
            kind: SyntaxErrorKind::UnbalancedParenthesis { open: true },
        }),
        None => Ok(()),
    }
}

/// Splits `toks` at top-level (depth 0) symbols satisfying `is_sep`;
/// returns the parts and the separator that ended each part (None for the last).
fn split_top(toks: &[Token], is_sep: impl Fn(&Tok) -> bool) -> Vec<(&[Token], Option<&Token>)> {
    let mut parts = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    for (i, t) in toks.iter().enumerate() {
        match t.tok {
            Tok::Sym('(') => depth += 1,
            Tok::Sym(')') => depth -= 1,
            _ => {}
        }
        if depth == 0 && is_sep(&t.tok) {
            parts.push((&toks[start..i], Some(t)));
            start = i + 1;
        }
    }
    parts.push((&toks[start..], None));
    parts
}

fn parse_statement(toks: &[Token], out: &mut Vec<Statement>) -> Result<(), SyntaxError> {
    // operators at depth 0
    let mut depth = 0i32;
    let mut ops: Vec<usize> = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        match t.tok {
            Tok::Sym('(') => depth += 1,
            Tok::Sym(')') => depth -= 1,
            Tok::Op(":") if depth == 0 && is_interaction(toks, &ops, i) => {}
            Tok::Op(_) if depth == 0 => ops.push(i),
            _ => {}
        }
    }
    let Some(&k) = ops.first() else {
        return Err(SyntaxError {
            pos: toks[0].pos,
            kind: SyntaxErrorKind::MissingOperator {
                text: source_text(toks),
            },
        });
    };
    if let Some(&k2) = ops.get(1) {
        return Err(SyntaxError {
            pos: toks[k2].pos,
            kind: SyntaxErrorKind::TwoOperators {
                first: toks[k].tok.text(),
                second: toks[k2].tok.text(),
            },
        });
    }
    let op_tok = &toks[k];
    let Tok::Op(op) = op_tok.tok else {
        unreachable!()
    };
    let (left, right) = (&toks[..k], &toks[k + 1..]);
    if left.is_empty() {
        return Err(SyntaxError {
            pos: op_tok.pos,
            kind: SyntaxErrorKind::EmptySide {
                op: op.into(),
                left: true,
            },
        });
    }
    if right.is_empty() {
        return Err(SyntaxError {
            pos: op_tok.pos,
            kind: SyntaxErrorKind::EmptySide {
                op: op.into(),
                left: false,
            },
        });
    }
    match op {
        ":=" => {
            let name = single_name(left, "a name for the defined parameter")?;
            let expr = ExprParser::new(right, end_pos(right)).parse_all()?;
            out.push(Statement::Definition {
                name,
                pos: left[0].pos,
                expr,
                text: expr_text(right),
            });
        }
        "==" | "<" | ">" => {
            let cop = match op {
                "==" => ConstraintOp::Equal,
                "<" => ConstraintOp::Less,
                _ => ConstraintOp::Greater,
            };
            let lhs = ExprParser::new(left, op_tok.pos).parse_all()?;
            let rhs = ExprParser::new(right, end_pos(right)).parse_all()?;
            out.push(Statement::Constraint {
                lhs,
                op: cop,
                rhs,
                pos: left[0].pos,
                lhs_text: expr_text(left),
                rhs_text: expr_text(right),
            });
        }
        ":" => {
            let keyword = single_name(left, "`group` or `level`")?;
            let value = match right {
                [Token {
                    tok: Tok::Ident(s) | Tok::Str(s),
                    ..
                }] => s.clone(),
                [Token {
                    tok: Tok::Number(_, s),
                    ..
                }] => s.clone(),
                _ => {
                    return Err(SyntaxError {
                        pos: right[0].pos,
                        kind: SyntaxErrorKind::Unexpected {
                            found: source_text(right),
                            expected: "a single group or level name".into(),
                        },
                    })
                }
            };
            out.push(Statement::Block {
                keyword,
                value,
                pos: left[0].pos,
            });
        }
        _ => parse_relation(op, op_tok.pos, left, right, out)?,
    }
    Ok(())
}

/// Whether the `:` at `i` joins two variables into an interaction term on
/// the right of a regression or a covariance (`y ~ x + w + x:w`,
/// `m ~~ m:w`, as lavaan reads them), rather than starting a
/// `group:`/`level:` block: a `~` or `~~` came before it and names stand on
/// both sides.
fn is_interaction(toks: &[Token], ops: &[usize], i: usize) -> bool {
    let after_regression = ops
        .first()
        .is_some_and(|&k| matches!(toks[k].tok, Tok::Op("~" | "~~")));
    let name = |t: Option<&Token>| {
        matches!(
            t,
            Some(Token {
                tok: Tok::Ident(_),
                ..
            })
        )
    };
    after_regression && i > 0 && name(toks.get(i - 1)) && name(toks.get(i + 1))
}

fn single_name(toks: &[Token], expected: &str) -> Result<String, SyntaxError> {
    match toks {
        [Token {
            tok: Tok::Ident(s), ..
        }] => Ok(s.clone()),
        _ => Err(SyntaxError {
            pos: toks[0].pos,
            kind: SyntaxErrorKind::Unexpected {
                found: source_text(toks),
                expected: expected.into(),
            },
        }),
    }
}

fn parse_relation(
    op: &str,
    op_pos: Pos,
    left: &[Token],
    right: &[Token],
    out: &mut Vec<Statement>,
) -> Result<(), SyntaxError> {
    let base_op = match op {
        "=~" => RelOp::Loading,
        "~" => RelOp::Regression,
        "~~" => RelOp::Covariance,
        "<~" => RelOp::Composite,
        "~*~" => RelOp::Scale,
        "|" => RelOp::Threshold,
        "%" => RelOp::GroupWeight,
        _ => unreachable!("operator list is closed"),
    };
    // left-hand side: names joined by `+`
    let mut lhs_names = Vec::new();
    for (part, sep) in split_top(left, |t| *t == Tok::Sym('+')) {
        match part {
            [Token {
                tok: Tok::Ident(s),
                pos,
            }] => lhs_names.push((s.clone(), *pos)),
            [] => {
                let pos = sep.map(|s| s.pos).unwrap_or(op_pos);
                return Err(SyntaxError {
                    pos,
                    kind: SyntaxErrorKind::Unexpected {
                        found: "+".into(),
                        expected: "a variable name".into(),
                    },
                });
            }
            [t, ..] if part.iter().any(|x| x.tok == Tok::Sym('*')) => {
                return Err(SyntaxError {
                    pos: t.pos,
                    kind: SyntaxErrorKind::BadModifier {
                        text: source_text(part),
                        reason: "modifiers belong on the right-hand side (e.g. `f =~ 0.5*x1`)"
                            .into(),
                    },
                })
            }
            [t, ..] => {
                return Err(SyntaxError {
                    pos: t.pos,
                    kind: SyntaxErrorKind::BadName {
                        text: source_text(part),
                    },
                })
            }
        }
    }
    // right-hand side: terms joined by `+`
    let mut terms = Vec::new();
    for (part, sep) in split_top(right, |t| *t == Tok::Sym('+')) {
        if part.is_empty() {
            let pos = sep.map(|s| s.pos).unwrap_or_else(|| end_pos(right));
            return Err(SyntaxError {
                pos,
                kind: SyntaxErrorKind::Unexpected {
                    found: if sep.is_some() {
                        "+".into()
                    } else {
                        "end of line".into()
                    },
                    expected: "a variable name".into(),
                },
            });
        }
        terms.push(parse_term(part, base_op)?);
    }
    for (lhs, lhs_pos) in &lhs_names {
        for (term, is_intercept) in &terms {
            let op = if *is_intercept {
                RelOp::Intercept
            } else {
                base_op
            };
            out.push(Statement::Relation(Relation {
                lhs: lhs.clone(),
                lhs_pos: *lhs_pos,
                op,
                op_pos,
                rhs: term.clone(),
            }));
        }
    }
    Ok(())
}

/// One right-hand-side term: `mod*mod*...*name`; returns the term and
/// whether it is the intercept `1` of a `~` formula.
fn parse_term(toks: &[Token], op: RelOp) -> Result<(Term, bool), SyntaxError> {
    let parts = split_top(toks, |t| matches!(t, Tok::Sym('*' | '?')));
    let (name_part, _) = parts[parts.len() - 1];
    let mut modifiers = Vec::new();
    for (part, sep) in &parts[..parts.len() - 1] {
        if part.is_empty() {
            let pos = sep.map(|s| s.pos).unwrap_or(toks[0].pos);
            return Err(SyntaxError {
                pos,
                kind: SyntaxErrorKind::Unexpected {
                    found: "*".into(),
                    expected: "a fixed value or a label before `*` (e.g. `0.5*x2`, `a*x2`)".into(),
                },
            });
        }
        let is_start = sep.is_some_and(|s| s.tok == Tok::Sym('?'));
        modifiers.push(parse_modifier(part, is_start)?);
    }
    // one term, two values or two labels (`2*3*x2`, `a*b*x2`): lavaan
    // multiplies the numbers (6) and refuses the labels; refused, not the
    // last one kept
    let count = |f: fn(&Modifier) -> bool| modifiers.iter().filter(|m| f(m)).count();
    let twice = if count(|m| matches!(m, Modifier::Fixed(_))) > 1 {
        Some("one parameter gets two fixed values; write one number (or `NA` to free it)")
    } else if count(|m| matches!(m, Modifier::Label(_))) > 1 {
        Some("one parameter gets two labels; write one label")
    } else {
        None
    };
    if let Some(reason) = twice {
        return Err(SyntaxError {
            pos: toks[0].pos,
            kind: SyntaxErrorKind::BadModifier {
                text: source_text(&toks[..toks.len() - name_part.len()])
                    .trim_end_matches('*')
                    .trim_end()
                    .to_string(),
                reason: reason.into(),
            },
        });
    }
    let (name, pos, is_intercept) = match name_part {
        [Token {
            tok: Tok::Ident(s),
            pos,
        }] => (s.clone(), *pos, false),
        // an interaction of observed variables, `x:w` (lavaan's name for the
        // product column the data stage makes)
        [Token {
            tok: Tok::Ident(s),
            pos,
        }, rest @ ..]
            if rest.len() % 2 == 0
                && rest
                    .chunks(2)
                    .all(|c| c[0].tok == Tok::Op(":") && matches!(c[1].tok, Tok::Ident(_))) =>
        {
            let parts: Vec<String> = name_part.iter().step_by(2).map(|t| t.tok.text()).collect();
            (parts.join(":"), *pos, false)
        }
        [Token {
            tok: Tok::Number(v, text),
            pos,
        }] if *v == 1.0 && op == RelOp::Regression => {
            let _ = text;
            ("1".to_string(), *pos, true)
        }
        [] => {
            let pos = parts
                .iter()
                .rev()
                .find_map(|(_, s)| *s)
                .map(|s| s.pos)
                .unwrap_or(toks[0].pos);
            return Err(SyntaxError {
                pos,
                kind: SyntaxErrorKind::Unexpected {
                    found: "*".into(),
                    expected: "a variable name after `*`".into(),
                },
            });
        }
        [t, ..] => {
            let text = source_text(name_part);
            let kind = if name_part.len() == 1 {
                SyntaxErrorKind::BadName { text }
            } else {
                SyntaxErrorKind::Unexpected {
                    found: text,
                    expected: "a variable name (terms are joined with `+`)".into(),
                }
            };
            return Err(SyntaxError { pos: t.pos, kind });
        }
    };
    Ok((
        Term {
            name,
            pos,
            modifiers,
        },
        is_intercept,
    ))
}

/// One value inside `c(...)` or a modifier function: a number (or numeric
/// expression), `NA`, a label or a string.
fn parse_value(toks: &[Token]) -> Result<ModValue, SyntaxError> {
    match toks {
        [Token {
            tok: Tok::Ident(s), ..
        }] if s == "NA" => Ok(ModValue::Na),
        [Token {
            tok: Tok::Ident(s), ..
        }] if s == "TRUE" || s == "FALSE" => {
            Err(bad_modifier(toks, "expected a number or a label"))
        }
        [Token {
            tok: Tok::Ident(s), ..
        }]
        | [Token {
            tok: Tok::Str(s), ..
        }] => Ok(ModValue::Label(s.clone())),
        [] => Err(SyntaxError {
            pos: Pos::default(),
            kind: SyntaxErrorKind::BadModifier {
                text: String::new(),
                reason: "empty value".into(),
            },
        }),
        _ => {
            let e = ExprParser::new(toks, end_pos(toks)).parse_all()?;
            if let Some((v, p)) = e.variables().into_iter().next() {
                return Err(SyntaxError {
                    pos: p,
                    kind: SyntaxErrorKind::BadModifier {
                        text: source_text(toks),
                        reason: format!(
                            "`{v}` is not a number; a modifier is a number, NA or one label"
                        ),
                    },
                });
            }
            Ok(ModValue::Number(e.eval(&|_| f64::NAN)))
        }
    }
}

fn bad_modifier(toks: &[Token], reason: &str) -> SyntaxError {
    SyntaxError {
        pos: toks.first().map(|t| t.pos).unwrap_or_default(),
        kind: SyntaxErrorKind::BadModifier {
            text: source_text(toks),
            reason: reason.into(),
        },
    }
}

fn numbers(vals: &[ModValue], toks: &[Token], what: &str) -> Result<Vec<f64>, SyntaxError> {
    vals.iter()
        .map(|v| match v {
            ModValue::Number(x) => Ok(*x),
            ModValue::Na => Ok(f64::NAN),
            ModValue::Label(_) => Err(bad_modifier(toks, &format!("{what} needs a number"))),
        })
        .collect()
}

fn parse_modifier(toks: &[Token], is_start: bool) -> Result<Modifier, SyntaxError> {
    // function-style modifiers: name(args)
    let call = match toks {
        [Token {
            tok: Tok::Ident(f), ..
        }, Token {
            tok: Tok::Sym('('), ..
        }, inner @ .., Token {
            tok: Tok::Sym(')'), ..
        }] if !super::expr::FUNCTIONS.contains(&f.as_str()) => Some((f.as_str(), inner)),
        _ => None,
    };
    let values: Vec<ModValue> = match call {
        Some((_, inner)) => {
            let mut vals = Vec::new();
            if !inner.is_empty() {
                for (arg, _) in split_top(inner, |t| *t == Tok::Sym(',')) {
                    if arg.is_empty() {
                        return Err(bad_modifier(toks, "empty value inside the parentheses"));
                    }
                    // allow nested c(): start(c(1, 2))
                    if let [Token {
                        tok: Tok::Ident(c), ..
                    }, Token {
                        tok: Tok::Sym('('), ..
                    }, rest @ .., Token {
                        tok: Tok::Sym(')'), ..
                    }] = arg
                    {
                        if c == "c" {
                            for (a, _) in split_top(rest, |t| *t == Tok::Sym(',')) {
                                vals.push(parse_value(a)?);
                            }
                            continue;
                        }
                    }
                    vals.push(parse_value(arg)?);
                }
            }
            if vals.is_empty() {
                return Err(bad_modifier(toks, "it has no value"));
            }
            vals
        }
        None => vec![parse_value(toks)?],
    };
    let all_labels = values.iter().all(|v| matches!(v, ModValue::Label(_)));
    let any_label = values.iter().any(|v| matches!(v, ModValue::Label(_)));
    let labels = || {
        values
            .iter()
            .map(|v| match v {
                ModValue::Label(s) => s.clone(),
                _ => String::new(),
            })
            .collect::<Vec<_>>()
    };
    if is_start {
        return Ok(Modifier::Start(numbers(&values, toks, "a start value")?));
    }
    match call.map(|c| c.0) {
        None | Some("c") => {
            if all_labels {
                Ok(Modifier::Label(labels()))
            } else if any_label {
                Err(bad_modifier(toks, "labels and numbers cannot be mixed in one c(...)"))
            } else {
                Ok(Modifier::Fixed(values))
            }
        }
        Some("fixed") => {
            if any_label {
                Err(bad_modifier(toks, "fixed() needs a number"))
            } else {
                Ok(Modifier::Fixed(values))
            }
        }
        Some("start") => Ok(Modifier::Start(numbers(&values, toks, "start()")?)),
        Some("lower") => Ok(Modifier::Lower(numbers(&values, toks, "lower()")?)),
        Some("upper") => Ok(Modifier::Upper(numbers(&values, toks, "upper()")?)),
        Some("label") | Some("equal") => {
            if all_labels {
                Ok(Modifier::Label(labels()))
            } else {
                Err(bad_modifier(toks, "label() needs a quoted name, e.g. label(\"a\")"))
            }
        }
        Some(f) => Err(bad_modifier(
            toks,
            &format!("`{f}()` is not supported; use a number, NA, a label, start(), fixed(), label(), equal(), lower(), upper() or c()"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rel(s: &Statement) -> &Relation {
        match s {
            Statement::Relation(r) => r,
            _ => panic!("not a relation: {s:?}"),
        }
    }

    #[test]
    fn expands_and_reads_modifiers() {
        let st =
            parse("f1 + f2 =~ x1 + 0.5*x2 + a*x3 + NA*x4 + start(0.3)*x5 + c(1,NA)*x6").unwrap();
        assert_eq!(st.len(), 12);
        let r = rel(&st[1]);
        assert_eq!((r.lhs.as_str(), r.rhs.name.as_str()), ("f1", "x2"));
        assert_eq!(
            r.rhs.modifiers,
            vec![Modifier::Fixed(vec![ModValue::Number(0.5)])]
        );
        assert_eq!(
            rel(&st[2]).rhs.modifiers,
            vec![Modifier::Label(vec!["a".into()])]
        );
        assert_eq!(
            rel(&st[3]).rhs.modifiers,
            vec![Modifier::Fixed(vec![ModValue::Na])]
        );
        assert_eq!(rel(&st[4]).rhs.modifiers, vec![Modifier::Start(vec![0.3])]);
        assert_eq!(rel(&st[6]).lhs, "f2");
    }

    #[test]
    fn continuation_comments_and_semicolons() {
        let st = parse("f =~ x1 +  # first\n  x2\n  + x3 ! bang\n y ~ f; y ~ 1").unwrap();
        assert_eq!(st.len(), 5);
        assert_eq!(rel(&st[4]).op, RelOp::Intercept);
    }

    #[test]
    fn definitions_and_constraints() {
        let st = parse("ind := a * b\n a == 2*b\n c > 0").unwrap();
        match &st[0] {
            Statement::Definition { name, text, .. } => {
                assert_eq!(name, "ind");
                assert_eq!(text, "a*b");
            }
            _ => panic!(),
        }
        assert!(matches!(
            st[2],
            Statement::Constraint {
                op: ConstraintOp::Greater,
                ..
            }
        ));
    }

    #[test]
    fn negative_fixed_value_and_start_shorthand() {
        let st = parse("y ~ -1*x + 0.2?z + sqrt(4)*w").unwrap();
        assert_eq!(
            rel(&st[0]).rhs.modifiers,
            vec![Modifier::Fixed(vec![ModValue::Number(-1.0)])]
        );
        assert_eq!(rel(&st[1]).rhs.modifiers, vec![Modifier::Start(vec![0.2])]);
        assert_eq!(
            rel(&st[2]).rhs.modifiers,
            vec![Modifier::Fixed(vec![ModValue::Number(2.0)])]
        );
    }
}
