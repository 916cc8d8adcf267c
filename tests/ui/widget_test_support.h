#pragma once
// Small helpers shared by the console's widget tests: readable QString output
// in GoogleTest failures, and typing into a widget as a user would.

#include <QString>
#include <QTest>
#include <QWidget>

#include <ostream>

inline void PrintTo(const QString &text, std::ostream *os)
{
    *os << '"' << text.toStdString() << '"';
}

namespace cc::ui::test {

// Selects what is in the widget, erases it and types `text` key by key.
inline void retype(QWidget *widget, const QString &text)
{
    widget->setFocus();
    QTest::keyClick(widget, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(widget, Qt::Key_Backspace);
    QTest::keyClicks(widget, text);
}

template <typename T>
T *child(const QObject &parent, const char *name)
{
    return parent.findChild<T *>(QLatin1String(name));
}

} // namespace cc::ui::test
