// The ordered list of the channel editor (codecs, failover targets) on its own,
// driven as a person does: its buttons found by their accessible names and
// clicked, entries picked with the mouse, reordered and removed with the keys.

#include "ordered_list_editor.h"

#include "widget_test_support.h"

#include <QApplication>
#include <QComboBox>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

#include <gtest/gtest.h>

using cc::ui::OrderedListEditor;

namespace {

QList<OrderedListEditor::Entry> entries(const QStringList &ids)
{
    QList<OrderedListEditor::Entry> list;
    for (const QString &id : ids)
        list.append({id, id, {}});
    return list;
}

class OrderedListEditorTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        editor.setNames(QStringLiteral("codec"), QStringLiteral("codec"), QStringLiteral("Codecs"));
        editor.setNumbered(true);
        editor.setCandidates(entries({QStringLiteral("OPUS"), QStringLiteral("G722"), QStringLiteral("PCMU")}));
        editor.show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(&editor));
    }

    QPushButton *button(const QString &accessibleName) const
    {
        for (QPushButton *candidate : editor.findChildren<QPushButton *>()) {
            if (candidate->accessibleName() == accessibleName)
                return candidate;
        }
        ADD_FAILURE() << "no button named " << accessibleName.toStdString();
        return nullptr;
    }

    QListWidget *list() const
    {
        for (QListWidget *candidate : editor.findChildren<QListWidget *>()) {
            if (candidate->accessibleName() == QStringLiteral("Codecs"))
                return candidate;
        }
        ADD_FAILURE() << "no list named Codecs";
        return nullptr;
    }

    QStringList shown() const
    {
        QStringList texts;
        for (int row = 0; row < list()->count(); ++row)
            texts.append(list()->item(row)->text());
        return texts;
    }

    // Clicks the entry that reads `text`, as a person picks it.
    void pick(const QString &text) const
    {
        const QList<QListWidgetItem *> found = list()->findItems(text, Qt::MatchExactly);
        ASSERT_EQ(found.size(), 1) << text.toStdString();
        QTest::mouseClick(list()->viewport(), Qt::LeftButton, {}, list()->visualItemRect(found.first()).center());
        ASSERT_EQ(list()->currentItem(), found.first());
    }

    OrderedListEditor editor;
};

} // namespace

TEST_F(OrderedListEditorTest, AddOffersOnlyWhatIsNotListedYet)
{
    QSignalSpy changed(&editor, &OrderedListEditor::changed);
    auto *choice = editor.findChild<QComboBox *>(QStringLiteral("codecChoice"));
    ASSERT_NE(choice, nullptr);
    EXPECT_EQ(choice->accessibleName(), QStringLiteral("codec to add"));
    ASSERT_EQ(choice->count(), 3);

    QTest::mouseClick(button(QStringLiteral("Add codec")), Qt::LeftButton);
    choice->setCurrentIndex(choice->findText(QStringLiteral("PCMU")));
    QTest::mouseClick(button(QStringLiteral("Add codec")), Qt::LeftButton);
    EXPECT_EQ(editor.ids(), (QStringList{QStringLiteral("OPUS"), QStringLiteral("PCMU")}));
    EXPECT_EQ(shown(), (QStringList{QStringLiteral("1.  OPUS"), QStringLiteral("2.  PCMU")}));
    EXPECT_EQ(changed.count(), 2);
    ASSERT_EQ(choice->count(), 1) << "a listed codec is not offered again";
    EXPECT_EQ(choice->itemText(0), QStringLiteral("G722"));

    QTest::mouseClick(button(QStringLiteral("Add codec")), Qt::LeftButton);
    EXPECT_EQ(choice->count(), 0);
    EXPECT_FALSE(button(QStringLiteral("Add codec"))->isEnabled()) << "nothing left to add";
}

TEST_F(OrderedListEditorTest, UpDownAndRemoveFollowTheSelection)
{
    editor.setEntries(entries({QStringLiteral("OPUS"), QStringLiteral("G722"), QStringLiteral("PCMU")}));
    QSignalSpy changed(&editor, &OrderedListEditor::changed);
    EXPECT_FALSE(button(QStringLiteral("Remove codec"))->isEnabled()) << "nothing selected";
    EXPECT_FALSE(button(QStringLiteral("Move codec up"))->isEnabled());
    EXPECT_FALSE(button(QStringLiteral("Move codec down"))->isEnabled());

    pick(QStringLiteral("3.  PCMU"));
    EXPECT_TRUE(button(QStringLiteral("Remove codec"))->isEnabled());
    EXPECT_TRUE(button(QStringLiteral("Move codec up"))->isEnabled());
    EXPECT_FALSE(button(QStringLiteral("Move codec down"))->isEnabled()) << "the last cannot move down";

    QTest::mouseClick(button(QStringLiteral("Move codec up")), Qt::LeftButton);
    QTest::mouseClick(button(QStringLiteral("Move codec up")), Qt::LeftButton);
    EXPECT_EQ(shown(), (QStringList{QStringLiteral("1.  PCMU"), QStringLiteral("2.  OPUS"), QStringLiteral("3.  G722")}));
    EXPECT_FALSE(button(QStringLiteral("Move codec up"))->isEnabled()) << "the first cannot move up";
    QTest::mouseClick(button(QStringLiteral("Move codec down")), Qt::LeftButton);
    EXPECT_EQ(editor.ids(), (QStringList{QStringLiteral("OPUS"), QStringLiteral("PCMU"), QStringLiteral("G722")}));

    QTest::mouseClick(button(QStringLiteral("Remove codec")), Qt::LeftButton);
    EXPECT_EQ(shown(), (QStringList{QStringLiteral("1.  OPUS"), QStringLiteral("2.  G722")})) << "renumbered";
    EXPECT_EQ(editor.findChild<QComboBox *>(QStringLiteral("codecChoice"))->findText(QStringLiteral("PCMU")), 0)
        << "a removed codec is offered again";
    EXPECT_EQ(changed.count(), 4);
}

TEST_F(OrderedListEditorTest, CtrlUpAndCtrlDownReorderAndDeleteRemoves)
{
    editor.setEntries(entries({QStringLiteral("OPUS"), QStringLiteral("G722"), QStringLiteral("PCMU")}));
    QSignalSpy changed(&editor, &OrderedListEditor::changed);
    pick(QStringLiteral("3.  PCMU"));

    // A plain arrow moves the selection, not the entry.
    QTest::keyClick(list(), Qt::Key_Up);
    EXPECT_EQ(list()->currentRow(), 1);
    EXPECT_EQ(changed.count(), 0);
    QTest::keyClick(list(), Qt::Key_Down);

    QTest::keyClick(list(), Qt::Key_Up, Qt::ControlModifier);
    QTest::keyClick(list(), Qt::Key_Up, Qt::ControlModifier);
    QTest::keyClick(list(), Qt::Key_Up, Qt::ControlModifier); // already first: nothing moves
    EXPECT_EQ(editor.ids(), (QStringList{QStringLiteral("PCMU"), QStringLiteral("OPUS"), QStringLiteral("G722")}));
    EXPECT_EQ(list()->currentItem()->text(), QStringLiteral("1.  PCMU")) << "the moved entry stays selected";
    QTest::keyClick(list(), Qt::Key_Down, Qt::ControlModifier);
    EXPECT_EQ(shown(), (QStringList{QStringLiteral("1.  OPUS"), QStringLiteral("2.  PCMU"), QStringLiteral("3.  G722")}));
    EXPECT_EQ(changed.count(), 3);

    QTest::keyClick(list(), Qt::Key_Delete);
    EXPECT_EQ(editor.ids(), (QStringList{QStringLiteral("OPUS"), QStringLiteral("G722")}));
    EXPECT_EQ(changed.count(), 4);
}

TEST_F(OrderedListEditorTest, SettingEntriesOrCandidatesIsNotAnEdit)
{
    QSignalSpy changed(&editor, &OrderedListEditor::changed);
    editor.setEntries(entries({QStringLiteral("G722")}));
    editor.setCandidates(entries({QStringLiteral("G722"), QStringLiteral("G729")}));
    EXPECT_EQ(changed.count(), 0);
    auto *choice = editor.findChild<QComboBox *>(QStringLiteral("codecChoice"));
    ASSERT_EQ(choice->count(), 1);
    EXPECT_EQ(choice->itemText(0), QStringLiteral("G729"));
}

TEST_F(OrderedListEditorTest, NothingCanBeChangedWhileItIsDisabled)
{
    editor.setEntries(entries({QStringLiteral("OPUS"), QStringLiteral("G722")}));
    pick(QStringLiteral("2.  G722"));
    editor.setEnabled(false);
    QSignalSpy changed(&editor, &OrderedListEditor::changed);
    QTest::mouseClick(button(QStringLiteral("Move codec up")), Qt::LeftButton);
    QTest::mouseClick(button(QStringLiteral("Add codec")), Qt::LeftButton);
    QTest::keyClick(list(), Qt::Key_Delete);
    EXPECT_EQ(changed.count(), 0);
    EXPECT_EQ(editor.ids(), (QStringList{QStringLiteral("OPUS"), QStringLiteral("G722")}));
}
