#pragma once
// A page whose real content arrives with a later part of the console: it says
// so plainly instead of showing made-up data.

#include <QWidget>

namespace cc::ui {

class PlaceholderPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PlaceholderPage)

public:
    PlaceholderPage(const QString &title, const QString &explanation, QWidget *parent = nullptr);
};

} // namespace cc::ui
