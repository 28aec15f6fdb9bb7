"""The development set for the second generation of tone rules: passive aggression, replies that
open warmly and then turn on the customer, blame on the customer's body, address or choices, and
warm drafts that must pass, proactive messages (which answer no complaint) among them.

Written after the holdout set (``tone_holdout.py``) and before the rules it measures; the rules
were developed on this set alone. Never copy its sentences into the rules (a test checks this).
"""

from __future__ import annotations

#: Hostile, defensive and passive-aggressive drafts.
HOSTILE_DEV2: list[str] = [
    "Thanks for your message! If you scroll down the listing you'll see the measurements are "
    "all there.",
    "As stated in the shop announcement, all orders this month are running a week behind.",
    "I'm sorry you feel the need to message me at 2am about a candle.",
    "I'm sorry that you're upset, but the necklace is exactly as described.",
    "For under a tenner, a few bubbles in the glaze are to be expected.",
    "It's a £6 bookmark, I'm not sure what you were expecting.",
    "Hundreds of happy buyers have had no issue with this pattern.",
    "All of my other customers found the instructions perfectly clear.",
    "I've had 60 orders this week and I'm answering messages at midnight, so please bear with me.",
    "I'm a one-person business juggling two kids, so I can't reply within the hour.",
    "Hello lovely, thank you so much for your order! The only thing is, you didn't choose "
    "express, so it was never going to arrive by Saturday.",
    "Thank you for reaching out! Unfortunately you entered an old address, which is why it went "
    "astray.",
    "Hope you're having a good week! Just to point out, the earrings were listed as nickel "
    "plated, so that one's on you.",
    "So nice to hear from you. To be honest though, you should really have checked your ring "
    "size first.",
    "Some people just have very sensitive skin, and that isn't something I can control.",
    "Your feet are probably wider than average, which is why the slippers pinch.",
    "Maybe your cat knocked it off the shelf? Ceramic doesn't break on its own.",
    "If you put it in the dishwasher after I said not to, that's hardly my fault.",
    "With respect, your expectations seem quite unrealistic for hand-thrown pottery.",
    "I think you'll find the photos are a very accurate representation.",
    "Per the listing, which you agreed to, returns are not accepted on sale items.",
    "I've explained this three times, so I'll keep it brief: no.",
    "Just to be clear once more, the parcel is tracked and it says delivered.",
    "Can I gently point you to the FAQ, where this is covered in detail?",
    "You would have known it was a digital file if you'd read the title.",
    "The problem seems to be with your printer, not my file.",
    "It's a pity you didn't message before leaving a review, I would have sorted it.",
    "If you'd picked the tracked option we could have found it by now.",
    "I can't be responsible for the fact that you weren't home.",
    "Funnily enough, nobody else has ever mentioned a smell.",
    "I'm sorry if my earlier reply upset you.",
    "I regret that you've chosen to see it that way.",
    "I'm sorry you don't like it, but it's made exactly to the pattern, so I can't refund.",
    "We're so busy with the Christmas rush that we simply can't chase every parcel.",
    "I totally understand, but I think if you check the tracking you'll see it was signed for.",
    "Thanks for letting me know, and next time please read the size guide before you order.",
    "The hoodie left here folded and perfect, so the creases must have come from your end.",
    "Not sure what else you'd want for the price of a coffee.",
    "The colours are shown in natural light, which you could see if you looked at the third "
    "picture.",
    "Please refer to the delivery information page before contacting me again.",
    "I just don't have the time to reply to every question that's answered in the listing.",
    "A hairline mark that small hardly counts as damage.",
    "Honestly, I really can't tell the difference you're describing.",
    "Plenty of customers manage to assemble it in five minutes.",
    "It sounds like you might be allergic to wool, which isn't a flaw in the scarf.",
    "Perhaps try looking at the photos properly before you buy.",
    "It was clearly labelled fragile, so that's down to the courier, not me.",
    "I've already sent you the tracking number, just check your inbox.",
    "Have you actually asked your neighbours, or are you just assuming it's lost?",
    "Everything you need is in the order confirmation, if you read it.",
    "I'm sorry for the wait, but the holiday dates were on my banner for a month.",
    "A full refund for one small scratch seems a little excessive to me.",
    "Thank you for your patience (such as it is).",
    "I understand you're annoyed, but being rude won't get your parcel here any faster.",
    "Thanks for ordering, and please check your address properly this time.",
    "I put so much work into your order that this is honestly hurtful to read.",
    "I don't usually refund change-of-mind orders, but fine, I'll make an exception.",
    "The bracelet is a standard size, so if it doesn't fit, your wrist isn't standard.",
    "I'm sorry you're frustrated, but the courier says it was left in your porch.",
    "I offered you a discount and you turned it down, so I don't know what else you want.",
    "I'm sure you understand I can't give refunds to everyone who changes their mind.",
    "It's obvious you didn't read the description at all.",
    "Hi there, thanks for the message. Surely it's clear from the photos the bowl is handmade.",
    "Respectfully, you might want to check your junk folder before saying I ignored you.",
    "I'm doing my best, but I've been working seven days a week and I'm exhausted.",
    "Lovely, thanks, though it would have been good to ask me before going to Etsy.",
    "The care label is there for a reason.",
    "Every other buyer has been able to download it without any problem.",
    "The order was cancelled because you never replied to me.",
    "I don't see the point in explaining it all again.",
    "Anyone who buys vintage knows there will be signs of wear.",
    "I wrapped it in four layers, so I don't see how the damage is my responsibility.",
    "I won't refund a vase you dropped.",
    "That's down to you, I'm afraid, not me.",
    "Listen, the tracking says delivered. I can't do magic.",
    "Please stop sending me messages every hour.",
    "Thank you for your order! Please note that I won't be able to help if you give the wrong "
    "address again.",
    "I'm sorry, but you really should have known a hand-dyed yarn varies.",
    "Thank you for your message, however had you read the description you'd know it's a "
    "print, not an original.",
    "I'm sorry, but at that price you can't expect gold.",
    "Sorry for any upset you may have experienced.",
    "Thanks, though I'm not sure why you'd order a mug if you wanted a bowl.",
]

#: Warm drafts: answers to complaints, polite boundaries, and proactive messages.
WARM_DEV2: list[str] = [
    "Thank you for your order! I'll have your earrings made and posted within three working "
    "days, and I'll send the tracking number as soon as they're on their way.",
    "Your parcel is on its way! It went out with Evri this afternoon and the tracking number is "
    "H00AB123456789.",
    "Just checking your scarf arrived safely and that you're happy with the colour.",
    "Thank you so much for the five stars, it means a lot to a small shop like mine.",
    "Good news, the oak boards are back in stock, and I've saved one with your name on it.",
    "Your order has been packed with plenty of padding and will be collected tomorrow.",
    "Hello! Your commission is finished and drying; I'll post it on Wednesday.",
    "A little update: your parcel has left and should reach you in two to three days.",
    "I hope you're enjoying the candle. A tip: trim the wick to 5mm before each burn.",
    "Thank you for your purchase from Clay Corner! Your order number is #4471.",
    "The spring collection is now live, and as promised you're the first to know.",
    "Your prints have been posted, and the tracking shows they're already at the sorting centre.",
    "I'll be away from the 3rd to the 10th, so orders placed this week will go out on the 11th.",
    "Wishing you a lovely anniversary! Your gift box went out this morning.",
    "It's been a couple of weeks, so I wanted to see whether the plant pot is draining well.",
    "Your pattern is ready to download from your purchases page.",
    "Preorders for the new glaze open on Friday at noon.",
    "Thanks for coming back, it's always lovely to see a returning customer.",
    "I'm so sorry the jug arrived chipped. Unfortunately that glaze has sold out, but I can "
    "make a new one or refund you today.",
    "I'm afraid customs are holding it at the moment. I've chased the carrier and will update "
    "you on Wednesday.",
    "Honestly, I'd be upset too. I'm sorry, and a replacement is going out today.",
    "I can't find that order number in my records; could you send a screenshot of the receipt? "
    "I'll track it down.",
    "The tracking shows it at your local depot, so I've asked them to look for it. Sorry for "
    "the stress.",
    "Thank you for telling me. However it happened, I'll make sure you're not out of pocket.",
    "Unfortunately the courier has marked it as lost. I'm so sorry, and a new one will ship "
    "first thing tomorrow.",
    "I'm sorry, I can't refund a made-to-order piece, but I'd gladly alter it for you free of "
    "charge.",
    "This isn't the experience I want you to have. I've refunded the shipping and a new one is "
    "on its way.",
    "I'm not going to respond to messages with that language, but I'm still here and happy to "
    "sort out your order whenever you're ready.",
    "I'd like to help, and I'm glad to carry on once we can keep things polite. The refund "
    "offer is still open.",
    "I can hear how angry you are, and I'm sorry the lamp arrived broken. I won't reply to "
    "insults, but I'll send a replacement as soon as you confirm your address.",
    "Thank you for the pictures. I'm sorry the seam split; that shouldn't happen, and I'll "
    "refund you in full.",
    "Oh, I'm so sorry. That's my mistake: I packed the wrong colour. The right one goes out today.",
    "I'm sorry the shade isn't what the photos suggested. Screens do differ, and I'd be happy "
    "to swap it.",
    "You're right to chase me. The delay is my fault, and I'm sorry; it will be posted tomorrow.",
    "I'm sorry it's been so slow. The carrier has had problems this week, so I've sent your "
    "replacement next-day.",
    "Unfortunately that style is discontinued, however I have a couple of similar designs I "
    "could send photos of.",
    "Thank you for waiting so patiently. I can't hurry customs along, I'm afraid, but I'll keep "
    "checking and write again on Monday.",
    "I'm sorry about the address mix-up. There's nothing to send back; a new one goes out today.",
    "Of course, no problem at all. I've cancelled it and the refund should land in a few days.",
    "Sorry, that code has expired. Here's a fresh one, WELCOME15, valid until Sunday.",
    "Thanks for letting me know. Honestly, I'm puzzled too; I've opened a trace and I'll send "
    "another if there's no news by Thursday.",
    "I hear you, and I'm sorry. The hooks should have been silver, so I'll send a new pair today.",
    "I'm so sorry about the rash. Please stop wearing them; I'll refund you in full and you "
    "don't need to return them.",
    "Thank you for your patience. The tracking shows the parcel is back at the depot, and "
    "I've booked a redelivery for Friday.",
    "Sorry I was slow to reply! Your replacement is booked for Tuesday, and I'll send the "
    "tracking then.",
    "I'm sorry the box arrived soaked. I've refunded you in full, and please keep the cards if "
    "they dry out.",
    "I'm sorry, I know you needed it for the wedding. I can't get it there by Saturday, but "
    "I'll refund the express postage today.",
    "Thank you for being open with me about the review. I'd love the chance to make it right; "
    "a new one is on its way.",
    "That sounds so disappointing, I'm sorry. Could you send a photo of the packaging too? It "
    "helps with my claim, and your refund doesn't depend on it.",
    "I've spoken to the post office and they're looking into it. I'm sorry it's taking so "
    "long; I'll update you on Thursday either way.",
    "Please don't worry. I'm sorry the jumper was too small, and I'd be happy to exchange it.",
    "I'm sorry, I can't take back pierced earrings for hygiene reasons, but I can give you 15% "
    "off another pair.",
    "I'm sorry the bead was missing. It's completely my mistake, and a new one will be in the "
    "post tomorrow.",
    "Thanks for bearing with me. Unfortunately the batch didn't dye evenly, so I'll refund you "
    "now rather than make you wait.",
    "I'm sorry the wax tunnelled. It can happen on a short first burn, and I'd love to send "
    "you another to try.",
    "Sorry the link isn't working! I've reset it and emailed you the file as well.",
    "I'm so sorry, that must have been awful to unwrap. There's no need to return it; a new "
    "one is coming.",
    "You're right, the listing should have said it's a mini print. I'm sorry, and I've fixed "
    "it. Would a refund help?",
    "Thanks for being honest with me. I'm sorry it isn't for you, and I'll send you a prepaid "
    "return label today.",
    "I understand, and I'm sorry it came after the party. I'll refund the postage and 20% of "
    "your order.",
    "I'm sorry you had to chase. Your order is finished, it goes out tracked today, and I'll "
    "send you the number tonight.",
    "I'm sorry it says delivered when it hasn't reached you. I've asked the carrier for the "
    "photo, and if it doesn't turn up by Monday I'll send another.",
    "I'm sorry about the stiff zip. I could repair it or replace it, whichever is easier for "
    "you; either way it's on me.",
    "Hi Priya, I'm sorry your order hasn't arrived yet. The tracking shows it left the hub on "
    "Tuesday, so I'll wait until Friday and then send another.",
    "Thank you for spotting the spelling mistake on the tag. I'm sorry; I'll make a new one "
    "and post it tomorrow.",
    "I'm sorry it missed the birthday. I can't change when it arrived, but I've added a little "
    "extra to say sorry.",
    "Oh no, I'm sorry! The wrong size must have gone out. Keep it, and I'll post the right one "
    "today.",
    "I'm really sorry about the wait; my supplier was late this month, and I should have told "
    "you sooner.",
    "I'm sorry you were charged twice. I've refunded the extra payment, and it should show "
    "within a few days.",
    "Thank you so much for your patience. The replacement has shipped and should reach you on "
    "Thursday.",
    "I'm sorry you're unhappy. I want to help, but I won't keep going while there are threats "
    "of a review; my offer of a replacement still stands.",
    "Unfortunately, I can't send it any faster, but I've upgraded your postage at no charge.",
    "I'm afraid I can't offer a refund on opened candles, however I'd happily swap the scent "
    "for you.",
    "The carrier says it's delayed at the hub. I'm sorry; I'll keep an eye on it for you.",
    "Thank you for your order! Just so you know, I post on Mondays and Thursdays, so yours "
    "will go out on Thursday.",
    "Your mug has been dispatched! Please allow two to four working days for delivery.",
]
